/* test-ui-trading.c: Replace… and the overview's lists, with the real controller, a real
 * keyring (tests/keyring-env.sh), a real X server and the sandbox.
 *
 * Replace… from the Orders page through the replace dialog: a limit price changed at the
 * broker and in the store, a bad price marked and nothing sent, a refusal shown in the
 * dialog with the input kept; the dialog's fields per order type and its live confirmation.
 *
 * The overview: the demo history's newest open orders and largest positions in the right
 * order (as the test hooks' report reads them), following the stores live, honest empty
 * lists, and Show All switching the view.
 *
 * A row's menu in the Orders page while its list changes under it (refreshes, trade
 * updates of other orders and of its own): it stays open, for the same order, with the
 * actions that apply to that order now; the same for a position's row menu.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "paddock-controller.h"
#include "paddock-format-private.h"
#include "paddock-order-store.h"
#include "paddock-position-store.h"
#include "paddock-replace-dialog.h"
#include "paddock-test-hooks.h"
#include "paddock-token-store.h"
#include "sandbox-fixture.h"
#include "paddock-test-gtk.h"

typedef struct
{
  SandboxFixture sf;
  PaddockTokenStore *store;
  PaddockWindow *window;
  PaddockController *controller;
  char *paper_id;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  if (GPOINTER_TO_INT (data))
    /* the demo's past: positions, a few hundred orders, open limit orders */
    paddock_test_demo_sandbox_setup (&f->sf);
  else
    sandbox_fixture_setup (&f->sf, NULL);
  paddock_test_app_use_sandbox (f->sf.sandbox);
  f->store = paddock_test_store_paper_account (&f->sf, f->sf.token, "account:write trading data",
                                               &f->paper_id, NULL);

  f->window = paddock_window_new (NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  f->controller = paddock_controller_new (f->window);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (PADDOCK_IS_REPLACE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  paddock_test_controller_release (&f->controller);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  g_free (f->paper_id);
  sandbox_fixture_teardown (&f->sf, NULL);
}

static gboolean
showing_paper (PaddockWindow *window)
{
  return g_strcmp0 (paddock_window_get_page (window), "account") == 0 &&
         paddock_window_get_environment (window) == PADDOCK_ENVIRONMENT_PAPER &&
         paddock_account_view_get_account (paddock_window_get_account_view (window)) != NULL;
}

static PaddockOrder *
find_order (GListModel *model,
            const char *id)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockOrder) order = g_list_model_get_item (model, i);

      if (g_strcmp0 (paddock_order_get_id (order), id) == 0)
        return order;  /* the model keeps it */
    }
  return NULL;
}

static PaddockReplaceDialog *
find_dialog (void)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (PADDOCK_IS_REPLACE_DIALOG (l->data))
      return l->data;
  return NULL;
}

static char *
place_limit_order (Fixture    *f,
                   const char *limit_price)
{
  g_autoptr (TestReply) reply = NULL;
  g_autofree char *body = g_strdup_printf ("{\"symbol\":\"MSFT\",\"qty\":\"3\",\"side\":\"buy\","
                                           "\"type\":\"limit\",\"limit_price\":\"%s\","
                                           "\"time_in_force\":\"gtc\"}", limit_price);

  reply = test_request (&f->sf, "POST", "paper:/v2/orders", f->sf.token, body);
  g_assert_cmpuint (reply->status, ==, 200);
  return g_strdup (json_object_get_string_member (test_reply_object (reply), "id"));
}

static JsonObject *
sandbox_order (Fixture    *f,
               const char *id,
               TestReply **reply)
{
  g_autofree char *path = g_strdup_printf ("paper:/v2/orders/%s", id);

  *reply = test_request (&f->sf, "GET", path, f->sf.token, NULL);
  g_assert_cmpuint ((*reply)->status, ==, 200);
  return test_reply_object (*reply);
}

/* Signs in, waits for the order in the Orders page and asks to replace it, as the row's
 * menu does: the dialog it opens */
static PaddockReplaceDialog *
open_dialog (Fixture    *f,
             const char *order_id)
{
  PaddockOrdersPage *page = paddock_window_get_orders_page (f->window);
  PaddockReplaceDialog *dialog;

  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (showing_paper (f->window));
  PADDOCK_TEST_WAIT_UNTIL (find_order (paddock_orders_page_get_model (page), order_id) != NULL);
  g_assert_null (find_dialog ());
  g_signal_emit_by_name (page, "replace-requested",
                         find_order (paddock_orders_page_get_model (page), order_id));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  g_assert_cmpint (paddock_replace_dialog_get_stage (dialog), ==, PADDOCK_REPLACE_DIALOG_FORM);
  return dialog;
}

static const char *
field_text (PaddockReplaceDialog *dialog,
            PaddockOrderField     field)
{
  GtkEditable *editable = paddock_replace_dialog_get_field (dialog, field);

  g_assert_nonnull (editable);
  return gtk_editable_get_text (editable);
}

static void
set_field (PaddockReplaceDialog *dialog,
           PaddockOrderField     field,
           const char           *text)
{
  GtkEditable *editable = paddock_replace_dialog_get_field (dialog, field);

  g_assert_nonnull (editable);
  gtk_editable_set_text (editable, text);
}

static gboolean
field_marked (PaddockReplaceDialog *dialog,
              PaddockOrderField     field)
{
  return gtk_widget_has_css_class (GTK_WIDGET (paddock_replace_dialog_get_field (dialog, field)),
                                   "error");
}

/* the text entry inside an entry row */
static GtkWidget *
find_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A limit order's price changed through the dialog: confirmed as old → new, replaced at
 * the broker, and the store shows the old one replaced and linked to the new one. */
static void
test_replace_limit_price (Fixture       *f,
                          gconstpointer  data)
{
  GListModel *model;
  g_autofree char *old_id = place_limit_order (f, "1.00");
  g_autoptr (TestReply) old_reply = NULL;
  g_autoptr (TestReply) new_reply = NULL;
  PaddockReplaceDialog *dialog = open_dialog (f, old_id);
  JsonObject *old_order;
  JsonObject *new_order;
  PaddockOrder *replaced;
  const char *new_id;

  /* pre-filled from the order: its quantity and limit price, no stop, no trail */
  g_assert_cmpstr (field_text (dialog, PADDOCK_ORDER_FIELD_QTY), ==, "3");
  g_assert_cmpint (g_ascii_strtod (field_text (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE), NULL),
                   ==, 1);
  g_assert_null (paddock_replace_dialog_get_field (dialog, PADDOCK_ORDER_FIELD_STOP_PRICE));
  g_assert_null (paddock_replace_dialog_get_field (dialog, PADDOCK_ORDER_FIELD_TRAIL_PRICE));

  /* nothing changed: no confirmation */
  g_assert_false (paddock_replace_dialog_review (dialog));
  g_assert_cmpint (paddock_replace_dialog_get_stage (dialog), ==, PADDOCK_REPLACE_DIALOG_FORM);

  set_field (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE, "1.50");
  g_assert_nonnull (gtk_window_get_default_widget (GTK_WINDOW (dialog)));
  /* Enter in the field reviews the changes */
  g_signal_emit_by_name (find_text (GTK_WIDGET (paddock_replace_dialog_get_field
                                                  (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE))),
                         "activate");
  /* (a button activated from the keyboard shows itself pressed a moment first) */
  PADDOCK_TEST_WAIT_UNTIL (paddock_replace_dialog_get_stage (dialog) ==
                           PADDOCK_REPLACE_DIALOG_CONFIRM);
  /* only what changed, old → new */
  g_assert_cmpstr (paddock_replace_dialog_get_summary (dialog), ==,
                   "Limit price: $1.00 → $1.50");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "replace.confirm", NULL);
  g_assert_cmpint (paddock_replace_dialog_get_stage (dialog), ==, PADDOCK_REPLACE_DIALOG_SENDING);
  /* it cannot be closed while the request is out */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (find_dialog () == dialog);
  /* done: the dialog goes */
  PADDOCK_TEST_WAIT_UNTIL (find_dialog () == NULL);

  /* at the broker: the old order replaced by a new one at 1.50 */
  old_order = sandbox_order (f, old_id, &old_reply);
  g_assert_cmpstr (json_object_get_string_member (old_order, "status"), ==, "replaced");
  new_id = json_object_get_string_member (old_order, "replaced_by");
  g_assert_nonnull (new_id);
  new_order = sandbox_order (f, new_id, &new_reply);
  g_assert_cmpstr (json_object_get_string_member (new_order, "replaces"), ==, old_id);
  g_assert_cmpfloat (g_ascii_strtod (json_object_get_string_member (new_order, "limit_price"),
                                     NULL), ==, 1.5);
  g_assert_cmpstr (json_object_get_string_member (new_order, "qty"), ==, "3");

  /* in the store: the replacement, and the old order linked to it */
  model = paddock_orders_page_get_model (paddock_window_get_orders_page (f->window));
  PADDOCK_TEST_WAIT_UNTIL (find_order (model, new_id) != NULL);
  PADDOCK_TEST_WAIT_UNTIL ((replaced = find_order (model, old_id)) != NULL &&
                           paddock_order_get_status (replaced) == PADDOCK_ORDER_STATUS_REPLACED &&
                           g_strcmp0 (paddock_order_get_replaced_by (replaced), new_id) == 0);
  g_assert_cmpstr (paddock_order_get_limit_price (find_order (model, new_id)), ==,
                   json_object_get_string_member (new_order, "limit_price"));
}

/* The same through the controller to the broker, the German way: "1,50" reaches it as 1.5 */
static void
test_replace_german_numbers (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *old_id = place_limit_order (f, "1.00");
  g_autoptr (TestReply) old_reply = NULL;
  g_autoptr (TestReply) new_reply = NULL;
  PaddockReplaceDialog *dialog;
  JsonObject *old_order;
  JsonObject *new_order;
  g_autofree char *prefilled = NULL;

  _paddock_format_override_locale (".", ",", "\3\3");
  dialog = open_dialog (f, old_id);
  g_assert_cmpstr (field_text (dialog, PADDOCK_ORDER_FIELD_QTY), ==, "3");
  /* the broker's "1" or "1.00", written with no "." (a thousands separator here) */
  g_assert_null (strchr (field_text (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE), '.'));
  prefilled = paddock_decimal_from_input (field_text (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE));
  g_assert_nonnull (prefilled);
  g_assert_cmpint (paddock_decimal_compare (prefilled, "1"), ==, 0);

  set_field (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE, "1,50");
  g_assert_true (paddock_replace_dialog_review (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "replace.confirm", NULL);
  PADDOCK_TEST_WAIT_UNTIL (find_dialog () == NULL);

  old_order = sandbox_order (f, old_id, &old_reply);
  g_assert_cmpstr (json_object_get_string_member (old_order, "status"), ==, "replaced");
  new_order = sandbox_order (f, json_object_get_string_member (old_order, "replaced_by"),
                             &new_reply);
  g_assert_cmpfloat (g_ascii_strtod (json_object_get_string_member (new_order, "limit_price"),
                                     NULL), ==, 1.5);
  g_assert_cmpstr (json_object_get_string_member (new_order, "qty"), ==, "3");
  _paddock_format_override_locale (NULL, NULL, NULL);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* Prices that are not plain positive decimals are marked and nothing is sent. */
static void
test_invalid_price_sends_nothing (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *id = place_limit_order (f, "1.00");
  g_autoptr (TestReply) reply = NULL;
  PaddockReplaceDialog *dialog = open_dialog (f, id);
  /* (" 1.5" is a number now: surrounding spaces are dropped, see german-numbers) */
  const char *bad[] = { "1,50", "-1", "1e3", "abc", "", "0", "1 5", "1.5.0", "1,000.5" };
  guint submitted = 0;
  JsonObject *order;

  g_signal_connect_swapped (dialog, "submit", G_CALLBACK (count_cb), &submitted);
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      set_field (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE, bad[i]);
      g_assert_false (paddock_replace_dialog_review (dialog));
      g_assert_cmpint (paddock_replace_dialog_get_stage (dialog), ==,
                       PADDOCK_REPLACE_DIALOG_FORM);
      g_assert_cmpint (paddock_replace_dialog_get_invalid_field (dialog), ==,
                       PADDOCK_ORDER_FIELD_LIMIT_PRICE);
      g_assert_true (field_marked (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE));
      g_assert_false (field_marked (dialog, PADDOCK_ORDER_FIELD_QTY));
    }
  /* confirming from the form does nothing either */
  paddock_replace_dialog_confirm (dialog);
  g_assert_cmpint (paddock_replace_dialog_get_stage (dialog), ==, PADDOCK_REPLACE_DIALOG_FORM);

  /* corrected, the mark goes as it is typed */
  set_field (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE, "1.25");
  g_assert_false (field_marked (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE));
  g_assert_cmpint (paddock_replace_dialog_get_invalid_field (dialog), ==,
                   PADDOCK_ORDER_FIELD_NONE);

  g_assert_cmpuint (submitted, ==, 0);
  order = sandbox_order (f, id, &reply);
  g_assert_cmpstr (json_object_get_string_member (order, "status"), !=, "replaced");
  g_assert_true (json_object_get_null_member (order, "replaced_by"));
  g_assert_cmpfloat (g_ascii_strtod (json_object_get_string_member (order, "limit_price"), NULL),
                     ==, 1.0);
}

/* The broker refuses: the dialog stays, with its message and the input kept; a second try
 * goes through. */
static void
test_refusal_keeps_the_dialog (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *id = place_limit_order (f, "1.00");
  g_autoptr (TestReply) reply = NULL;
  g_autoptr (TestReply) again = NULL;
  PaddockReplaceDialog *dialog = open_dialog (f, id);
  JsonObject *order;

  paddock_sandbox_add_fault (f->sf.sandbox, "PATCH", "/paper/v2/orders",
                             PADDOCK_SANDBOX_FAULT_STATUS, 403, 1);
  set_field (dialog, PADDOCK_ORDER_FIELD_QTY, "4");
  set_field (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE, "1.25");
  g_assert_true (paddock_replace_dialog_review (dialog));
  g_assert_cmpstr (paddock_replace_dialog_get_summary (dialog), ==,
                   "Quantity: 3 → 4\nLimit price: $1.00 → $1.25");
  paddock_replace_dialog_confirm (dialog);
  PADDOCK_TEST_WAIT_UNTIL (paddock_replace_dialog_get_stage (dialog) ==
                           PADDOCK_REPLACE_DIALOG_FORM);

  g_assert_true (find_dialog () == dialog);
  /* the broker's words (the sandbox answers the fault with the status's phrase) */
  g_assert_nonnull (paddock_replace_dialog_get_message (dialog));
  g_assert_nonnull (strstr (paddock_replace_dialog_get_message (dialog), "Forbidden"));
  g_assert_cmpstr (field_text (dialog, PADDOCK_ORDER_FIELD_QTY), ==, "4");
  g_assert_cmpstr (field_text (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE), ==, "1.25");
  order = sandbox_order (f, id, &reply);
  g_assert_cmpstr (json_object_get_string_member (order, "status"), !=, "replaced");

  /* the person tries again: this time it goes through */
  g_assert_true (paddock_replace_dialog_review (dialog));
  paddock_replace_dialog_confirm (dialog);
  PADDOCK_TEST_WAIT_UNTIL (find_dialog () == NULL);
  order = sandbox_order (f, id, &again);
  g_assert_cmpstr (json_object_get_string_member (order, "status"), ==, "replaced");
}

/* How many of the sandbox's orders replace @id */
static guint
count_replacements (Fixture    *f,
                    const char *id)
{
  g_autoptr (TestReply) reply = test_request (&f->sf, "GET",
                                              "paper:/v2/orders?status=all&limit=500",
                                              f->sf.token, NULL);
  JsonArray *orders;
  guint n = 0;

  g_assert_cmpuint (reply->status, ==, 200);
  orders = test_reply_array (reply);
  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      JsonObject *order = json_array_get_object_element (orders, i);

      if (json_object_has_member (order, "replaces") &&
          g_strcmp0 (json_object_get_string_member (order, "replaces"), id) == 0)
        n++;
    }
  return n;
}

/* The broker took the change but its reply was lost: found by its client_order_id, the
 * dialog closes, nothing is sent twice. When the lookup fails too (the outcome unknown),
 * the dialog closes as well rather than invite a second try. */
static void
test_lost_replies (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = place_limit_order (f, "1.00");
  g_autoptr (TestReply) reply = NULL;
  g_autoptr (TestReply) second_reply = NULL;
  PaddockReplaceDialog *dialog = open_dialog (f, id);
  PaddockOrdersPage *page = paddock_window_get_orders_page (f->window);
  JsonObject *order;
  const char *new_id;

  paddock_sandbox_add_fault (f->sf.sandbox, "PATCH", "/paper/v2/orders",
                             PADDOCK_SANDBOX_FAULT_DROP_AFTER_COMMIT, 0, 1);
  set_field (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE, "1.10");
  g_assert_true (paddock_replace_dialog_review (dialog));
  paddock_replace_dialog_confirm (dialog);
  PADDOCK_TEST_WAIT_UNTIL (find_dialog () == NULL);
  g_assert_cmpuint (count_replacements (f, id), ==, 1);
  order = sandbox_order (f, id, &reply);
  new_id = json_object_get_string_member (order, "replaced_by");
  g_assert_nonnull (new_id);

  /* the replacement is open: replace it again, and lose the reply and the lookup */
  PADDOCK_TEST_WAIT_UNTIL (find_order (paddock_orders_page_get_model (page), new_id) != NULL);
  g_signal_emit_by_name (page, "replace-requested",
                         find_order (paddock_orders_page_get_model (page), new_id));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  paddock_sandbox_add_fault (f->sf.sandbox, "PATCH", "/paper/v2/orders",
                             PADDOCK_SANDBOX_FAULT_DROP_AFTER_COMMIT, 0, 1);
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/paper/v2/orders:by_client_order_id",
                             PADDOCK_SANDBOX_FAULT_STATUS, 503, -1);
  set_field (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE, "1.20");
  g_assert_true (paddock_replace_dialog_review (dialog));
  paddock_replace_dialog_confirm (dialog);
  PADDOCK_TEST_WAIT_UNTIL (find_dialog () == NULL);
  /* carried out once, never sent again */
  g_assert_cmpuint (count_replacements (f, new_id), ==, 1);
  order = sandbox_order (f, new_id, &second_reply);
  g_assert_cmpstr (json_object_get_string_member (order, "status"), ==, "replaced");
  paddock_sandbox_clear_faults (f->sf.sandbox);
}

static PaddockOrder *
order_from_json (const char *json)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);
  g_autoptr (GError) error = NULL;
  PaddockOrder *order;

  g_assert_nonnull (node);
  order = paddock_order_new_from_json (node, &error);
  g_assert_no_error (error);
  return order;
}

/* Only the fields the order's type has; a percent trail says so; a live account's
 * confirmation says it is live. */
static void
test_fields_and_live (void)
{
  g_autoptr (PaddockOrder) stop_limit = NULL;
  g_autoptr (PaddockOrder) trailing = NULL;
  PaddockReplaceDialog *dialog;
  GtkWidget *live;

  stop_limit = order_from_json ("{\"id\":\"61e69015-8549-4bfd-b9c3-01e75843f47d\","
                                "\"symbol\":\"AAPL\",\"qty\":\"10\",\"side\":\"sell\","
                                "\"type\":\"stop_limit\",\"limit_price\":\"180\","
                                "\"stop_price\":\"181.5\",\"time_in_force\":\"day\","
                                "\"status\":\"new\"}");
  dialog = paddock_replace_dialog_new (stop_limit, PADDOCK_ENVIRONMENT_LIVE);
  g_assert_cmpstr (field_text (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE), ==, "180");
  g_assert_cmpstr (field_text (dialog, PADDOCK_ORDER_FIELD_STOP_PRICE), ==, "181.5");
  g_assert_null (paddock_replace_dialog_get_field (dialog, PADDOCK_ORDER_FIELD_TRAIL_PRICE));
  live = paddock_test_find_named (GTK_WIDGET (dialog), "replace-live");
  g_assert_nonnull (live);

  /* "180" and "180.00" are the same price: only the stop and the time in force changed */
  set_field (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE, "180.00");
  set_field (dialog, PADDOCK_ORDER_FIELD_STOP_PRICE, "182");
  paddock_replace_dialog_set_time_in_force (dialog, PADDOCK_TIME_IN_FORCE_GTC);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (paddock_replace_dialog_review (dialog));
  g_assert_cmpstr (paddock_replace_dialog_get_summary (dialog), ==,
                   "Stop price: $181.50 → $182.00\nTime in force: Day → Good till Canceled");
  g_assert_true (gtk_widget_is_visible (live));
  gtk_window_destroy (GTK_WINDOW (dialog));

  trailing = order_from_json ("{\"id\":\"7b7c6e7a-7f0e-4a4e-9a43-2d1f0c0f9b10\","
                              "\"symbol\":\"MSFT\",\"qty\":\"2\",\"side\":\"sell\","
                              "\"type\":\"trailing_stop\",\"trail_percent\":\"5\","
                              "\"time_in_force\":\"gtc\",\"status\":\"new\"}");
  dialog = paddock_replace_dialog_new (trailing, PADDOCK_ENVIRONMENT_PAPER);
  g_assert_null (paddock_replace_dialog_get_field (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE));
  g_assert_null (paddock_replace_dialog_get_field (dialog, PADDOCK_ORDER_FIELD_STOP_PRICE));
  g_assert_cmpstr (field_text (dialog, PADDOCK_ORDER_FIELD_TRAIL_PRICE), ==, "5");
  set_field (dialog, PADDOCK_ORDER_FIELD_TRAIL_PRICE, "3.5");
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (paddock_replace_dialog_review (dialog));
  g_assert_cmpstr (paddock_replace_dialog_get_summary (dialog), ==,
                   "Trail in percent: 5% → 3.5%");
  /* not live: no live warning */
  g_assert_false (
    gtk_widget_is_visible (paddock_test_find_named (GTK_WIDGET (dialog), "replace-live")));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

typedef struct
{
  guint n;
  char *qty;
  char *limit;
  char *stop;
  char *trail;
} Submitted;

static void
submit_cb (PaddockReplaceDialog *dialog,
           const char           *qty,
           const char           *limit,
           const char           *stop,
           const char           *trail,
           PaddockTimeInForce    tif,
           Submitted            *s)
{
  s->n++;
  g_free (s->qty);
  g_free (s->limit);
  g_free (s->stop);
  g_free (s->trail);
  s->qty = g_strdup (qty);
  s->limit = g_strdup (limit);
  s->stop = g_strdup (stop);
  s->trail = g_strdup (trail);
}

static const char *
field_message (PaddockReplaceDialog *dialog)
{
  GtkWidget *label = paddock_test_find_named (GTK_WIDGET (dialog), "replace-field-message");

  g_assert_nonnull (label);
  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

/* Numbers the German way (thousands ".", decimals ","): the order's prices are filled in
 * as "190,00", "185,5" is sent as "185.5", and "1.000" (one or a thousand?) is refused. */
static void
test_german_numbers (void)
{
  g_autoptr (PaddockOrder) order = NULL;
  PaddockReplaceDialog *dialog;
  Submitted sub = { 0, };

  _paddock_format_override_locale (".", ",", "\3\3");

  order = order_from_json ("{\"id\":\"61e69015-8549-4bfd-b9c3-01e75843f47d\","
                           "\"symbol\":\"AAPL\",\"qty\":\"2.5\",\"side\":\"buy\","
                           "\"type\":\"stop_limit\",\"limit_price\":\"190.00\","
                           "\"stop_price\":\"1234.5\",\"time_in_force\":\"day\","
                           "\"status\":\"new\"}");
  dialog = paddock_replace_dialog_new (order, PADDOCK_ENVIRONMENT_PAPER);
  g_signal_connect (dialog, "submit", G_CALLBACK (submit_cb), &sub);
  gtk_window_present (GTK_WINDOW (dialog));

  /* pre-filled as the person types numbers: the locale's mark, no grouping */
  g_assert_cmpstr (field_text (dialog, PADDOCK_ORDER_FIELD_QTY), ==, "2,5");
  g_assert_cmpstr (field_text (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE), ==, "190,00");
  g_assert_cmpstr (field_text (dialog, PADDOCK_ORDER_FIELD_STOP_PRICE), ==, "1234,5");
  /* and read back as the same numbers: nothing changed */
  g_assert_false (paddock_replace_dialog_review (dialog));
  g_assert_cmpint (paddock_replace_dialog_get_invalid_field (dialog), ==,
                   PADDOCK_ORDER_FIELD_NONE);
  g_assert_cmpint (paddock_replace_dialog_get_stage (dialog), ==, PADDOCK_REPLACE_DIALOG_FORM);

  /* "1.000" is refused, the field marked and named with an example in German */
  set_field (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE, "1.000");
  g_assert_false (paddock_replace_dialog_review (dialog));
  g_assert_cmpint (paddock_replace_dialog_get_invalid_field (dialog), ==,
                   PADDOCK_ORDER_FIELD_LIMIT_PRICE);
  g_assert_true (field_marked (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE));
  g_assert_false (field_marked (dialog, PADDOCK_ORDER_FIELD_QTY));
  g_assert_cmpstr (field_message (dialog), ==,
                   "Limit price must be a number greater than zero, such as 10 or 12,50.");
  /* a point where "." groups thousands, grouping, two marks: refused as well */
  set_field (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE, "185.5");
  g_assert_false (paddock_replace_dialog_review (dialog));
  g_assert_cmpint (paddock_replace_dialog_get_invalid_field (dialog), ==,
                   PADDOCK_ORDER_FIELD_LIMIT_PRICE);
  set_field (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE, "1.185,5");
  g_assert_false (paddock_replace_dialog_review (dialog));
  set_field (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE, "185,5,0");
  g_assert_false (paddock_replace_dialog_review (dialog));
  g_assert_true (field_marked (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE));
  g_assert_cmpuint (sub.n, ==, 0);

  /* "185,5" (with spaces around) is 185.5: the mark goes as it is typed */
  set_field (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE, " 185,5 ");
  g_assert_false (field_marked (dialog, PADDOCK_ORDER_FIELD_LIMIT_PRICE));
  g_assert_cmpint (paddock_replace_dialog_get_invalid_field (dialog), ==,
                   PADDOCK_ORDER_FIELD_NONE);
  set_field (dialog, PADDOCK_ORDER_FIELD_QTY, "3");
  g_assert_true (paddock_replace_dialog_review (dialog));
  g_assert_cmpstr (paddock_replace_dialog_get_summary (dialog), ==,
                   "Quantity: 2,5 → 3\nLimit price: $190,00 → $185,50");
  paddock_replace_dialog_confirm (dialog);
  g_assert_cmpint (paddock_replace_dialog_get_stage (dialog), ==, PADDOCK_REPLACE_DIALOG_SENDING);
  g_assert_cmpuint (sub.n, ==, 1);
  g_assert_cmpstr (sub.qty, ==, "3");
  g_assert_cmpstr (sub.limit, ==, "185.5");
  g_assert_null (sub.stop);
  g_assert_null (sub.trail);

  gtk_window_destroy (GTK_WINDOW (dialog));
  _paddock_format_override_locale (NULL, NULL, NULL);
  g_free (sub.qty);
  g_free (sub.limit);
  g_free (sub.stop);
  g_free (sub.trail);
}

/* ---- the overview ----------------------------------------------------------------------- */

static gboolean
store_loaded (gpointer store)
{
  g_autoptr (GDateTime) updated_at = NULL;

  if (store == NULL)
    return FALSE;
  g_object_get (store, "updated-at", &updated_at, NULL);
  return updated_at != NULL;
}

static JsonObject *
describe (Fixture   *f,
          JsonNode **node)
{
  return paddock_test_report (f->window, node);
}

static gint64
time_of (JsonObject *order)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_iso8601 (
    json_object_get_string_member (order, "submitted_at"), NULL);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  gint64 x = time_of (*(JsonObject **) a);
  gint64 y = time_of (*(JsonObject **) b);

  return (x < y) - (x > y);
}

static int
largest_first (gconstpointer a,
               gconstpointer b)
{
  double x = fabs (g_ascii_strtod (json_object_get_string_member (*(JsonObject **) a,
                                                                  "market_value"), NULL));
  double y = fabs (g_ascii_strtod (json_object_get_string_member (*(JsonObject **) b,
                                                                  "market_value"), NULL));

  return (x < y) - (x > y);
}

static GPtrArray *
sorted_objects (JsonArray    *array,
                GCompareFunc  compare)
{
  GPtrArray *objects = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (objects, json_array_get_object_element (array, i));
  g_ptr_array_sort (objects, compare);
  return objects;
}

/* an open order's status as people read it */
static const char *
status_words (const char *code)
{
  static const char *words[][2] = {
    { "new", "New" }, { "accepted", "Accepted" }, { "partially_filled", "Partially Filled" },
    { "pending_new", "Pending New" }, { "held", "Held" }, { "pending_replace", "Pending Replace" },
    { "pending_cancel", "Pending Cancel" }, { "accepted_for_bidding", "Accepted for Bidding" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_strcmp0 (code, words[i][0]) == 0)
      return words[i][1];
  return code;
}

static const char *
item_id (GListModel *model,
         guint       i)
{
  g_autoptr (PaddockOrder) order = g_list_model_get_item (model, i);

  return order != NULL ? paddock_order_get_id (order) : NULL;   /* the store keeps it */
}

static gboolean
model_has_id (GListModel *model,
              const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (item_id (model, i), id) == 0)
      return TRUE;
  return FALSE;
}

/* The demo history's newest open orders and largest positions, in that order, as the
 * overview's rows read; an order placed elsewhere comes in first and leaves once canceled;
 * Show All switches the view. */
static void
test_overview_demo (Fixture       *f,
                    gconstpointer  data)
{
  PaddockAccountView *view = paddock_window_get_account_view (f->window);
  GListModel *open_orders = paddock_account_view_get_open_orders (view);
  GListModel *largest = paddock_account_view_get_largest_positions (view);
  g_autoptr (TestReply) open_reply = NULL;
  g_autoptr (TestReply) positions_reply = NULL;
  g_autoptr (TestReply) cancel = NULL;
  g_autoptr (GPtrArray) expected_orders = NULL;
  g_autoptr (GPtrArray) expected_positions = NULL;
  g_autoptr (JsonNode) report_node = NULL;
  g_autofree char *new_id = NULL;
  g_autofree char *cancel_path = NULL;
  JsonObject *report;
  JsonArray *rows;
  guint n_orders, n_positions;

  open_reply = test_request (&f->sf, "GET", "paper:/v2/orders?status=open&limit=500", f->sf.token,
                             NULL);
  g_assert_cmpuint (open_reply->status, ==, 200);
  expected_orders = sorted_objects (test_reply_array (open_reply), newest_first);
  positions_reply = test_request (&f->sf, "GET", "paper:/v2/positions", f->sf.token, NULL);
  g_assert_cmpuint (positions_reply->status, ==, 200);
  expected_positions = sorted_objects (test_reply_array (positions_reply), largest_first);
  /* the demo has more than five of each: the lists are cut */
  g_assert_cmpuint (expected_positions->len, >, 5);
  g_assert_cmpuint (expected_orders->len, >, 0);
  n_orders = MIN (expected_orders->len, 5);
  n_positions = 5;

  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (showing_paper (f->window));
  PADDOCK_TEST_WAIT_UNTIL (store_loaded (paddock_orders_page_get_model
                                           (paddock_window_get_orders_page (f->window))) &&
                           store_loaded (paddock_positions_page_get_model
                                           (paddock_window_get_positions_page (f->window))));
  PADDOCK_TEST_WAIT_UNTIL (g_list_model_get_n_items (open_orders) == n_orders &&
                           g_list_model_get_n_items (largest) == n_positions);

  report = describe (f, &report_node);
  rows = json_object_get_array_member (report, "overview_orders");
  g_assert_cmpuint (json_array_get_length (rows), ==, n_orders);
  for (guint i = 0; i < n_orders; i++)
    {
      JsonObject *expected = g_ptr_array_index (expected_orders, i);
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *price = NULL;

      g_assert_cmpstr (item_id (open_orders, i), ==,
                       json_object_get_string_member (expected, "id"));
      g_assert_cmpstr (json_object_get_string_member (row, "symbol"), ==,
                       json_object_get_string_member (expected, "symbol"));
      /* side, quantity, type and price in words; the status in words */
      g_assert_true (g_str_has_prefix (json_object_get_string_member (row, "details"),
                                       g_strcmp0 (json_object_get_string_member (expected, "side"),
                                                  "buy") == 0 ? "Buy " : "Sell "));
      if (g_strcmp0 (json_object_get_string_member (expected, "type"), "limit") == 0)
        {
          price = paddock_format_money (json_object_get_string_member (expected, "limit_price"),
                                        "USD");
          g_assert_nonnull (strstr (json_object_get_string_member (row, "details"), price));
          g_assert_nonnull (strstr (json_object_get_string_member (row, "details"), "Limit"));
        }
      g_assert_cmpstr (json_object_get_string_member (row, "status"), ==,
                       status_words (json_object_get_string_member (expected, "status")));
    }
  g_assert_true (json_object_get_null_member (report, "overview_orders_empty"));

  rows = json_object_get_array_member (report, "overview_positions");
  g_assert_cmpuint (json_array_get_length (rows), ==, n_positions);
  for (guint i = 0; i < n_positions; i++)
    {
      JsonObject *expected = g_ptr_array_index (expected_positions, i);
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *pl = json_object_get_string_member (expected, "unrealized_pl");
      g_autofree char *value = paddock_format_money (json_object_get_string_member (expected,
                                                                                   "market_value"),
                                                     "USD");
      g_autofree char *pl_money = paddock_format_money_full (pl, "USD",
                                                             PADDOCK_FORMAT_ALWAYS_SIGN);

      g_assert_cmpstr (json_object_get_string_member (row, "symbol"), ==,
                       json_object_get_string_member (expected, "symbol"));
      g_assert_cmpstr (json_object_get_string_member (row, "market_value"), ==, value);
      /* with its sign, always */
      g_assert_true (g_str_has_prefix (json_object_get_string_member (row, "unrealized_pl"),
                                       pl_money));
      g_assert_true (g_str_has_prefix (pl_money, "+") || g_str_has_prefix (pl_money, "−") ||
                     paddock_decimal_compare (pl, "0") == 0);
      g_assert_true (g_str_has_suffix (json_object_get_string_member (row, "quantity"),
                                       "shares") ||
                     g_str_has_suffix (json_object_get_string_member (row, "quantity"),
                                       "share"));
    }
  g_assert_true (json_object_get_null_member (report, "overview_positions_empty"));

  /* live: an order placed elsewhere is the newest, and leaves once it is canceled */
  new_id = place_limit_order (f, "1.00");
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (item_id (open_orders, 0), new_id) == 0);
  g_assert_cmpuint (g_list_model_get_n_items (open_orders), ==, MIN (n_orders + 1, 5));
  cancel_path = g_strdup_printf ("paper:/v2/orders/%s", new_id);
  cancel = test_request (&f->sf, "DELETE", cancel_path, f->sf.token, NULL);
  g_assert_cmpuint (cancel->status, ==, 204);
  PADDOCK_TEST_WAIT_UNTIL (!model_has_id (open_orders, new_id));
  g_assert_cmpstr (item_id (open_orders, 0), ==,
                   json_object_get_string_member (g_ptr_array_index (expected_orders, 0), "id"));

  /* Show All, as clicked */
  g_assert_cmpstr (paddock_window_get_view (f->window), ==, "overview");
  g_signal_emit_by_name (paddock_test_find_named (GTK_WIDGET (view), "overview-orders-show-all"),
                         "clicked");
  g_assert_cmpstr (paddock_window_get_view (f->window), ==, "orders");
  paddock_window_set_view (f->window, "overview");
  g_signal_emit_by_name (paddock_test_find_named (GTK_WIDGET (view), "overview-positions-show-all"),
                         "clicked");
  g_assert_cmpstr (paddock_window_get_view (f->window), ==, "positions");
}

/* An account with nothing yet: the lists say so, then fill as orders come. */
static void
test_overview_empty (Fixture       *f,
                     gconstpointer  data)
{
  PaddockAccountView *view = paddock_window_get_account_view (f->window);
  g_autoptr (JsonNode) before_node = NULL;
  g_autoptr (JsonNode) after_node = NULL;
  g_autoptr (TestReply) market = NULL;
  g_autofree char *limit_id = NULL;
  JsonObject *before;
  JsonObject *after;
  JsonObject *row;

  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (showing_paper (f->window));
  PADDOCK_TEST_WAIT_UNTIL (store_loaded (paddock_orders_page_get_model
                                           (paddock_window_get_orders_page (f->window))) &&
                           store_loaded (paddock_positions_page_get_model
                                           (paddock_window_get_positions_page (f->window))));
  before = describe (f, &before_node);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (before,
                                                                         "overview_orders")),
                    ==, 0);
  g_assert_cmpstr (json_object_get_string_member (before, "overview_orders_empty"), ==,
                   "No open orders");
  g_assert_cmpstr (json_object_get_string_member (before, "overview_positions_empty"), ==,
                   "No positions");

  limit_id = place_limit_order (f, "1.00");
  market = test_request (&f->sf, "POST", "paper:/v2/orders", f->sf.token,
                         "{\"symbol\":\"AAPL\",\"qty\":\"2\",\"side\":\"buy\","
                         "\"type\":\"market\",\"time_in_force\":\"day\"}");
  g_assert_cmpuint (market->status, ==, 200);
  PADDOCK_TEST_WAIT_UNTIL (g_list_model_get_n_items (paddock_account_view_get_open_orders (view))
                           == 1 &&
                           g_list_model_get_n_items (paddock_account_view_get_largest_positions
                                                       (view)) == 1);
  after = describe (f, &after_node);
  row = json_array_get_object_element (json_object_get_array_member (after, "overview_orders"),
                                       0);
  g_assert_cmpstr (json_object_get_string_member (row, "symbol"), ==, "MSFT");
  g_assert_cmpstr (json_object_get_string_member (row, "details"), ==, "Buy 3 · Limit $1.00");
  g_assert_true (json_object_get_null_member (after, "overview_orders_empty"));
  row = json_array_get_object_element (json_object_get_array_member (after,
                                                                     "overview_positions"), 0);
  g_assert_cmpstr (json_object_get_string_member (row, "symbol"), ==, "AAPL");
  g_assert_cmpstr (json_object_get_string_member (row, "quantity"), ==, "2 shares");
  g_assert_true (json_object_get_null_member (after, "overview_positions_empty"));
}

/* ---- a row's menu while its list changes under it ------------------------------------ */

static GtkWidget *
find_widget_of_type (GtkWidget *root,
                     GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* the order a row of the Orders page's table shows (from its first column's expander) */
static PaddockOrder *
row_order (GtkWidget *row)
{
  GtkWidget *expander = find_widget_of_type (row, GTK_TYPE_TREE_EXPANDER);
  g_autoptr (GObject) item = NULL;

  if (expander == NULL || !gtk_widget_get_mapped (expander))
    return NULL;
  item = gtk_tree_expander_get_item (GTK_TREE_EXPANDER (expander));
  return PADDOCK_IS_ORDER (item) ? PADDOCK_ORDER (item) : NULL;  /* the model keeps it */
}

/* the row of the Orders page's table that shows the order @id, or NULL */
static GtkWidget *
order_row (PaddockOrdersPage *page,
           const char        *id)
{
  GtkWidget *list = find_widget_of_type (GTK_WIDGET (paddock_orders_page_get_column_view (page)),
                                         GTK_TYPE_LIST_VIEW);

  for (GtkWidget *row = list != NULL ? gtk_widget_get_first_child (list) : NULL; row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      PaddockOrder *order = row_order (row);

      if (order != NULL && g_strcmp0 (paddock_order_get_id (order), id) == 0)
        return row;
    }
  return NULL;
}

/* the menu button's menu: its actions ("orders.cancel", …) joined by spaces; each item's
 * target must be @id */
static char *
menu_actions (GtkMenuButton *button,
              const char    *id)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (button);
  g_autoptr (GString) actions = g_string_new (NULL);

  g_assert_nonnull (menu);
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *action = NULL;
      g_autofree char *target = NULL;

      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s",
                                                      &action));
      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_TARGET, "s",
                                                      &target));
      g_assert_cmpstr (target, ==, id);
      g_string_append_printf (actions, "%s%s", actions->len > 0 ? " " : "", action);
    }
  return g_string_free (g_steal_pointer (&actions), FALSE);
}

static gboolean
popover_open (GtkMenuButton *button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  guint *frames = user_data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

/* the window drawn a few more times (what a person would see), and what was pending done */
static void
settle (PaddockWindow *window)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (GTK_WIDGET (window), count_frame_cb, &frames, NULL);

  PADDOCK_TEST_WAIT_UNTIL (frames >= 3);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), id);
  paddock_test_drain ();
}

/* What the person sees after each change: the menu they opened still open, on the row of
 * the order they opened it for, its actions all for that order */
static void
assert_menu_kept (PaddockOrdersPage *page,
                  GtkWidget         *row,
                  GtkMenuButton     *button,
                  const char        *id,
                  const char        *actions)
{
  g_autofree char *now = NULL;

  g_assert_true (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_WINDOW) != NULL);
  g_assert_true (order_row (page, id) == row);
  g_assert_nonnull (row_order (row));
  g_assert_cmpstr (paddock_order_get_id (row_order (row)), ==, id);
  g_assert_true (popover_open (button));
  now = menu_actions (button, id);
  g_assert_cmpstr (now, ==, actions);
}

static gboolean
stores_idle (PaddockSession *session)
{
  return !paddock_order_store_get_loading (paddock_session_get_order_store (session)) &&
         !paddock_position_store_get_loading (paddock_session_get_position_store (session));
}

/* what the window's timer does every 30 s (and Ctrl+R): the account and every store
 * fetched again; returns once the orders came */
static void
refresh_window (Fixture *f)
{
  PaddockSession *session = paddock_controller_get_session (f->controller);
  PaddockOrderStore *store = paddock_session_get_order_store (session);
  g_autoptr (GDateTime) before = g_date_time_ref (paddock_order_store_get_updated_at (store));

  g_signal_emit_by_name (f->window, "refresh-requested");
  PADDOCK_TEST_WAIT_UNTIL (stores_idle (session) &&
                           paddock_order_store_get_updated_at (store) != NULL &&
                           !g_date_time_equal (paddock_order_store_get_updated_at (store),
                                               before));
}

/* a trade update of @id's order as the sandbox has it now, with @status, @filled_qty and a
 * newer time */
static PaddockTradeUpdate *
trade_update_of (Fixture    *f,
                 const char *id,
                 const char *event,
                 const char *status,
                 const char *filled_qty)
{
  g_autoptr (TestReply) reply = NULL;
  JsonObject *order = sandbox_order (f, id, &reply);
  g_autoptr (JsonNode) wrap = json_node_init_object (json_node_alloc (), order);
  JsonNode *copy = json_node_copy (wrap);
  g_autoptr (JsonNode) data = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonObject) obj = json_object_new ();
  g_autoptr (GDateTime) now = g_date_time_new_from_iso8601 (
    json_object_get_string_member (order, "updated_at"), NULL);
  g_autoptr (GDateTime) later = g_date_time_add (now, G_TIME_SPAN_MILLISECOND);
  g_autofree char *stamp = g_date_time_format_iso8601 (later);
  g_autoptr (GError) error = NULL;
  PaddockTradeUpdate *update;

  json_object_set_string_member (json_node_get_object (copy), "status", status);
  json_object_set_string_member (json_node_get_object (copy), "filled_qty", filled_qty);
  json_object_set_string_member (json_node_get_object (copy), "updated_at", stamp);
  json_object_set_string_member (obj, "event", event);
  json_object_set_member (obj, "order", copy);
  json_node_set_object (data, obj);
  update = paddock_trade_update_new_from_json (data, &error);
  g_assert_no_error (error);
  return update;
}

static gboolean
order_has_status (PaddockOrdersPage *page,
                  const char        *id,
                  const char        *status)
{
  PaddockOrder *order = find_order (paddock_orders_page_get_model (page), id);

  return order != NULL && g_strcmp0 (paddock_order_get_status_code (order), status) == 0;
}

/* the order @id canceled at the broker (the app hears of it through the stream) */
static void
cancel_at_sandbox (Fixture    *f,
                   const char *id)
{
  g_autofree char *path = g_strdup_printf ("paper:/v2/orders/%s", id);
  g_autoptr (TestReply) reply = test_request (&f->sf, "DELETE", path, f->sf.token, NULL);

  g_assert_cmpuint (reply->status, <, 300);
}

/* A person opened an open order's row menu in the Orders page (Open orders, as the
 * trading end-to-end test has it). While it is open the store refreshes (as every 30 s),
 * another order is canceled (a trade update that takes it out of the list above or below),
 * and the order itself partly fills (still open): the menu stays open on the same row,
 * and its actions are the ones for the order it was opened for. Then the order is
 * canceled: no menu is left open on a row of another order. */
static void
test_row_menu_survives_updates (Fixture       *f,
                                gconstpointer  data)
{
  PaddockOrdersPage *page = paddock_window_get_orders_page (f->window);
  PaddockOrderStore *store;
  g_autofree char *older = place_limit_order (f, "1.01");
  g_autofree char *mine = place_limit_order (f, "1.02");
  g_autofree char *newer = place_limit_order (f, "1.03");
  g_autoptr (PaddockTradeUpdate) partial = NULL;
  GtkWidget *row;
  GtkMenuButton *button;
  g_autoptr (GtkWidget) button_ref = NULL;
  const char *open_actions = "orders.cancel orders.replace orders.details";

  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (showing_paper (f->window));
  paddock_window_set_view (f->window, "orders");
  store = paddock_session_get_order_store (paddock_controller_get_session (f->controller));
  g_assert_true (paddock_orders_page_get_model (page) == G_LIST_MODEL (store));
  g_assert_cmpint (paddock_orders_page_get_filter (page), ==, PADDOCK_ORDERS_FILTER_OPEN);
  PADDOCK_TEST_WAIT_UNTIL (order_row (page, older) != NULL && order_row (page, mine) != NULL &&
                           order_row (page, newer) != NULL);

  row = order_row (page, mine);
  button = GTK_MENU_BUTTON (find_widget_of_type (row, GTK_TYPE_MENU_BUTTON));
  g_assert_nonnull (button);
  /* (kept alive for the checks, whatever the table does with it) */
  button_ref = g_object_ref (GTK_WIDGET (button));
  gtk_menu_button_popup (button);
  PADDOCK_TEST_WAIT_UNTIL (popover_open (button));
  settle (f->window);
  assert_menu_kept (page, row, button, mine, open_actions);

  /* the periodic refresh: the same orders again */
  refresh_window (f);
  settle (f->window);
  assert_menu_kept (page, row, button, mine, open_actions);

  /* another order canceled (the trade update through the stream): it leaves the list */
  cancel_at_sandbox (f, newer);
  PADDOCK_TEST_WAIT_UNTIL (order_has_status (page, newer, "canceled"));
  settle (f->window);
  g_assert_null (order_row (page, newer));
  assert_menu_kept (page, row, button, mine, open_actions);
  refresh_window (f);
  settle (f->window);
  assert_menu_kept (page, row, button, mine, open_actions);

  /* the order itself partly fills: still open, the same menu */
  partial = trade_update_of (f, mine, "partial_fill", "partially_filled", "1");
  paddock_order_store_apply_trade_update (store, partial);
  g_assert_true (order_has_status (page, mine, "partially_filled"));
  settle (f->window);
  assert_menu_kept (page, row, button, mine, open_actions);
  refresh_window (f);
  settle (f->window);
  assert_menu_kept (page, row, button, mine, open_actions);

  /* All orders: canceled, the order stays listed; the menu stays open with what still
   * applies (Details), for the same order */
  gtk_menu_button_popdown (button);
  PADDOCK_TEST_WAIT_UNTIL (!popover_open (button));
  paddock_orders_page_set_filter (page, PADDOCK_ORDERS_FILTER_ALL);
  PADDOCK_TEST_WAIT_UNTIL (order_row (page, mine) != NULL);
  row = order_row (page, mine);
  button = GTK_MENU_BUTTON (find_widget_of_type (row, GTK_TYPE_MENU_BUTTON));
  g_clear_object (&button_ref);
  button_ref = g_object_ref (GTK_WIDGET (button));
  gtk_menu_button_popup (button);
  PADDOCK_TEST_WAIT_UNTIL (popover_open (button));
  settle (f->window);
  assert_menu_kept (page, row, button, mine, open_actions);
  cancel_at_sandbox (f, mine);
  PADDOCK_TEST_WAIT_UNTIL (order_has_status (page, mine, "canceled"));
  settle (f->window);
  assert_menu_kept (page, row, button, mine, "orders.details");
  refresh_window (f);
  settle (f->window);
  assert_menu_kept (page, row, button, mine, "orders.details");

  /* Open orders: an order canceled under its open menu leaves the list, and its menu goes
   * with it: no menu is left open on a row of another order */
  gtk_menu_button_popdown (button);
  PADDOCK_TEST_WAIT_UNTIL (!popover_open (button));
  paddock_orders_page_set_filter (page, PADDOCK_ORDERS_FILTER_OPEN);
  PADDOCK_TEST_WAIT_UNTIL (order_row (page, older) != NULL && order_row (page, mine) == NULL);
  row = order_row (page, older);
  button = GTK_MENU_BUTTON (find_widget_of_type (row, GTK_TYPE_MENU_BUTTON));
  g_clear_object (&button_ref);
  button_ref = g_object_ref (GTK_WIDGET (button));
  gtk_menu_button_popup (button);
  PADDOCK_TEST_WAIT_UNTIL (popover_open (button));
  settle (f->window);
  assert_menu_kept (page, row, button, older, open_actions);
  cancel_at_sandbox (f, older);
  PADDOCK_TEST_WAIT_UNTIL (order_has_status (page, older, "canceled"));
  settle (f->window);
  g_assert_null (order_row (page, older));
  g_assert_false (popover_open (button));
}

/* the order the Orders page's table shows first (its newest, in the filter chosen) */
static PaddockOrder *
first_listed (PaddockOrdersPage *page)
{
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (paddock_orders_page_get_column_view (page)));
  g_autoptr (GtkTreeListRow) row = NULL;

  if (g_list_model_get_n_items (rows) == 0)
    return NULL;
  row = g_list_model_get_item (rows, 0);
  return PADDOCK_ORDER (gtk_tree_list_row_get_item (row));  /* the store keeps it */
}

/* true when the table is scrolled to its top and the row of its first order is the top
 * one it shows (below the line above it) */
static gboolean
showing_top (PaddockOrdersPage *page)
{
  GtkColumnView *table = paddock_orders_page_get_column_view (page);
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (table));
  GtkWidget *list = find_widget_of_type (GTK_WIDGET (table), GTK_TYPE_LIST_VIEW);
  g_autoptr (PaddockOrder) first = NULL;
  GtkWidget *row;
  graphene_point_t at;

  if (gtk_adjustment_get_value (adj) != 0.0)
    return FALSE;
  first = g_object_ref (first_listed (page));
  row = order_row (page, paddock_order_get_id (first));

  return row != NULL &&
         gtk_widget_compute_point (row, list, &GRAPHENE_POINT_INIT (0, 0), &at) &&
         at.y >= 0 && at.y < gtk_widget_get_height (row) / 2;
}

/* A person scrolled far down All orders, then picked Open, then All again: each time the
 * list shows its newest orders from the top, not some row in the middle that happened to
 * be in both lists (which is what the list kept in view before). The same for the search
 * and the side. */
static void
test_filter_shows_the_top (Fixture       *f,
                           gconstpointer  data)
{
  PaddockOrdersPage *page = paddock_window_get_orders_page (f->window);
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (
    GTK_SCROLLABLE (paddock_orders_page_get_column_view (page)));

  /* the market stands still: no order of the demo fills and comes in above the others */
  paddock_sandbox_set_tick_interval (f->sf.sandbox, 0);
  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (showing_paper (f->window));
  PADDOCK_TEST_WAIT_UNTIL (store_loaded (paddock_orders_page_get_model (page)));
  paddock_window_set_view (f->window, "orders");

  for (guint i = 0; i < 3; i++)
    {
      /* down to the bottom of All orders: a few hundred, many screens */
      paddock_orders_page_set_filter (page, PADDOCK_ORDERS_FILTER_ALL);
      settle (f->window);
      g_assert_true (showing_top (page));
      g_assert_cmpfloat (gtk_adjustment_get_upper (adj), >, 4 * gtk_adjustment_get_page_size (adj));
      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) / 2);
      settle (f->window);
      g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
      g_assert_false (showing_top (page));

      switch (i)
        {
        case 0:   /* Open orders */
          paddock_orders_page_set_filter (page, PADDOCK_ORDERS_FILTER_OPEN);
          settle (f->window);
          g_assert_nonnull (first_listed (page));
          g_assert_true (paddock_order_is_open (first_listed (page)));
          break;
        case 1:   /* Closed orders */
          paddock_orders_page_set_filter (page, PADDOCK_ORDERS_FILTER_CLOSED);
          settle (f->window);
          g_assert_nonnull (first_listed (page));
          g_assert_false (paddock_order_is_open (first_listed (page)));
          break;
        default:  /* a search */
          gtk_editable_set_text (GTK_EDITABLE (find_widget_of_type (GTK_WIDGET (page),
                                                                    GTK_TYPE_SEARCH_ENTRY)),
                                 "KO");
          /* (the entry tells of a change once typing pauses) */
          PADDOCK_TEST_WAIT_UNTIL (first_listed (page) != NULL &&
                                   g_strcmp0 (paddock_order_get_symbol (first_listed (page)),
                                              "KO") == 0);
          settle (f->window);
          break;
        }
      g_assert_true (showing_top (page));
    }
}

/* the row of the Positions page's table whose first cell says @symbol, or NULL */
static GtkWidget *
position_row (PaddockPositionsPage *page,
              const char           *symbol)
{
  GtkWidget *list = find_widget_of_type (GTK_WIDGET (paddock_positions_page_get_column_view (page)),
                                         GTK_TYPE_LIST_VIEW);

  for (GtkWidget *row = list != NULL ? gtk_widget_get_first_child (list) : NULL; row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *label = find_widget_of_type (row, GTK_TYPE_LABEL);

      if (label != NULL && gtk_widget_get_mapped (row) &&
          g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), symbol) == 0)
        return row;
    }
  return NULL;
}

static void
buy_at_market (Fixture    *f,
               const char *symbol,
               const char *qty)
{
  g_autofree char *body = g_strdup_printf ("{\"symbol\":\"%s\",\"qty\":\"%s\",\"side\":\"buy\","
                                           "\"type\":\"market\",\"time_in_force\":\"day\"}",
                                           symbol, qty);
  g_autoptr (TestReply) reply = test_request (&f->sf, "POST", "paper:/v2/orders", f->sf.token,
                                              body);

  g_assert_cmpuint (reply->status, ==, 200);
}

static gboolean
position_qty_is (PaddockPositionsPage *page,
                 const char           *symbol,
                 const char           *qty)
{
  GListModel *model = paddock_positions_page_get_model (page);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (PaddockPosition) position = g_list_model_get_item (model, i);

      if (g_strcmp0 (paddock_position_get_symbol (position), symbol) == 0)
        return g_strcmp0 (paddock_position_get_qty (position), qty) == 0;
    }
  return FALSE;
}

/* What the person sees in the Positions page after each change: the menu opened on
 * @symbol's row still open there, every item for @symbol */
static void
assert_position_menu_kept (PaddockPositionsPage *page,
                           GtkWidget            *row,
                           GtkMenuButton        *button,
                           const char           *symbol)
{
  g_autofree char *actions = NULL;

  g_assert_true (position_row (page, symbol) == row);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (button), row));
  g_assert_true (popover_open (button));
  actions = menu_actions (button, symbol);
  g_assert_cmpstr (actions, ==, "positions.buy positions.sell positions.close");
}

/* The same for a position's row menu: open on MSFT while the window refreshes, a new
 * position comes in above it (AAPL bought: GTK 4.8 binds the rows below again) and MSFT's
 * own quantity changes */
static void
test_position_menu_survives_updates (Fixture       *f,
                                     gconstpointer  data)
{
  PaddockPositionsPage *page = paddock_window_get_positions_page (f->window);
  GtkWidget *row;
  GtkMenuButton *button;
  g_autoptr (GtkWidget) button_ref = NULL;

  buy_at_market (f, "MSFT", "10");
  buy_at_market (f, "SPY", "2");
  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (showing_paper (f->window));
  paddock_window_set_view (f->window, "positions");
  PADDOCK_TEST_WAIT_UNTIL (position_row (page, "MSFT") != NULL &&
                           position_row (page, "SPY") != NULL);

  row = position_row (page, "MSFT");
  button = GTK_MENU_BUTTON (find_widget_of_type (row, GTK_TYPE_MENU_BUTTON));
  g_assert_nonnull (button);
  button_ref = g_object_ref (GTK_WIDGET (button));
  gtk_menu_button_popup (button);
  PADDOCK_TEST_WAIT_UNTIL (popover_open (button));
  settle (f->window);
  assert_position_menu_kept (page, row, button, "MSFT");

  refresh_window (f);
  settle (f->window);
  assert_position_menu_kept (page, row, button, "MSFT");

  /* a fill brings a new position, listed before MSFT */
  buy_at_market (f, "AAPL", "5");
  PADDOCK_TEST_WAIT_UNTIL (position_row (page, "AAPL") != NULL);
  settle (f->window);
  assert_position_menu_kept (page, row, button, "MSFT");

  /* and one of MSFT itself changes its quantity */
  buy_at_market (f, "MSFT", "1");
  PADDOCK_TEST_WAIT_UNTIL (position_qty_is (page, "MSFT", "11"));
  settle (f->window);
  assert_position_menu_kept (page, row, button, "MSFT");
  refresh_window (f);
  settle (f->window);
  assert_position_menu_kept (page, row, button, "MSFT");
}

int
main (int   argc,
      char *argv[])
{
  if (paddock_test_no_keyring_display (&argc, &argv))
    return 77;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/trading/replace/fields-and-live", test_fields_and_live);
  g_test_add_func ("/ui/trading/replace/german-numbers", test_german_numbers);
  g_test_add ("/ui/trading/replace/limit-price", Fixture, NULL, setup, test_replace_limit_price,
              teardown);
  g_test_add ("/ui/trading/replace/german-numbers-sent", Fixture, NULL, setup,
              test_replace_german_numbers, teardown);
  g_test_add ("/ui/trading/replace/invalid-price-sends-nothing", Fixture, NULL, setup,
              test_invalid_price_sends_nothing, teardown);
  g_test_add ("/ui/trading/replace/refusal-keeps-the-dialog", Fixture, NULL, setup,
              test_refusal_keeps_the_dialog, teardown);

  g_test_add ("/ui/trading/replace/lost-replies", Fixture, NULL, setup, test_lost_replies,
              teardown);
  g_test_add ("/ui/trading/overview/demo", Fixture, GINT_TO_POINTER (TRUE), setup,
              test_overview_demo, teardown);
  g_test_add ("/ui/trading/overview/empty", Fixture, NULL, setup, test_overview_empty,
              teardown);
  g_test_add ("/ui/trading/orders/row-menu-survives-updates", Fixture, NULL, setup,
              test_row_menu_survives_updates, teardown);
  g_test_add ("/ui/trading/orders/filter-shows-the-top", Fixture, GINT_TO_POINTER (TRUE), setup,
              test_filter_shows_the_top, teardown);
  g_test_add ("/ui/trading/positions/row-menu-survives-updates", Fixture, NULL, setup,
              test_position_menu_survives_updates, teardown);

  return g_test_run ();
}
