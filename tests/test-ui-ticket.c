/* test-ui-ticket.c: the order ticket on a real X server, against the in-process sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under tests/keyring-env.sh and xvfb-run (the controller's tests start on a stored
 * account). The ticket's own tests give it a session made here; Tab, Enter and Escape go
 * through the same signals and bindings the keys do (GtkWindow::move-focus, the text's
 * activate, the class's shortcuts), Ctrl+N through the window's own shortcut.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "paddock-controller.h"
#include "paddock-format-private.h"
#include "paddock-order-ticket.h"
#include "paddock-test-hooks.h"
#include "paddock-token-store.h"
#include "sandbox-fixture.h"
#include "paddock-test-gtk.h"

/* ---- helpers ------------------------------------------------------------------------ */

typedef struct
{
  SandboxFixture sf;
  PaddockEndpoints *endpoints;
  PaddockSession *session;
  GtkWindow *parent;
  PaddockOrderTicket *ticket;   /* weak */
  PaddockOrder *placed;
  gboolean reply_lost;
  guint n_placed;
} Fixture;

static void
set_text (PaddockOrderTicket *ticket,
          const char         *name,
          const char         *text)
{
  gtk_editable_set_text (GTK_EDITABLE (paddock_test_get_named (ticket, name)), text);
  paddock_test_drain ();
}

static void
select_row (PaddockOrderTicket *ticket,
            const char         *name,
            guint               position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (paddock_test_get_named (ticket, name)), position);
  paddock_test_drain ();
}

static gboolean
has_error_style (PaddockOrderTicket *ticket,
                 const char         *name)
{
  return gtk_widget_has_css_class (paddock_test_get_named (ticket, name), "error");
}

static gboolean
review_sensitive (PaddockOrderTicket *ticket)
{
  return gtk_widget_get_sensitive (paddock_test_get_named (ticket, "ticket-review"));
}

/* Enter in a text row: its GtkText's activate */
static void
press_enter_in (PaddockOrderTicket *ticket,
                const char         *name)
{
  GtkWidget *row = paddock_test_get_named (ticket, name);
  GtkWidget *text = NULL;
  GtkWidget *stack[64];
  guint n = 0;

  stack[n++] = row;
  while (n > 0 && text == NULL)
    {
      GtkWidget *w = stack[--n];

      if (GTK_IS_TEXT (w))
        text = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL && n < G_N_ELEMENTS (stack);
           c = gtk_widget_get_next_sibling (c))
        stack[n++] = c;
    }
  g_assert_nonnull (text);
  g_signal_emit_by_name (text, "activate");
  paddock_test_drain ();
}

static void
placed_cb (PaddockOrderTicket *ticket,
           PaddockOrder       *order,
           gboolean            reply_lost,
           Fixture            *f)
{
  g_set_object (&f->placed, order);
  f->reply_lost = reply_lost;
  f->n_placed++;
}

static void
session_setup (Fixture            *f,
               PaddockEnvironment  environment)
{
  g_autoptr (PaddockCredentials) credentials = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (PaddockTestAsync) w = { 0 };

  sandbox_fixture_setup (&f->sf, NULL);
  paddock_sandbox_set_tick_interval (f->sf.sandbox, 0);  /* prices stay where they are put */
  g_assert_true (paddock_sandbox_set_price (f->sf.sandbox, "AAPL", "200.00"));
  f->endpoints = paddock_test_sandbox_endpoints (f->sf.sandbox);
  credentials = paddock_credentials_new (environment, "acct", "PA1", f->sf.token, "bearer",
                                         "account:write trading data", NULL);
  f->session = paddock_session_new (f->endpoints, credentials);
  paddock_client_set_retry_policy (paddock_session_get_client (f->session), 1, 10, 20);
  paddock_session_refresh_async (f->session, NULL, paddock_test_async_cb, &w);
  g_assert_true (paddock_session_refresh_finish (f->session, paddock_test_async_wait (&w), &error));
  g_assert_no_error (error);

  f->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->parent, 800, 600);
  gtk_window_present (f->parent);
  PADDOCK_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->parent)));

  f->ticket = paddock_order_ticket_new (f->parent, f->session);
  g_object_add_weak_pointer (G_OBJECT (f->ticket), (gpointer *) &f->ticket);
  g_signal_connect (f->ticket, "placed", G_CALLBACK (placed_cb), f);
  gtk_window_present (GTK_WINDOW (f->ticket));
  PADDOCK_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->ticket)));
  paddock_test_drain ();
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  session_setup (f, PADDOCK_ENVIRONMENT_PAPER);
}

static void
live_setup (Fixture       *f,
            gconstpointer  data)
{
  session_setup (f, PADDOCK_ENVIRONMENT_LIVE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->ticket != NULL)
    gtk_window_destroy (GTK_WINDOW (f->ticket));
  gtk_window_destroy (f->parent);
  paddock_test_drain ();
  g_clear_object (&f->placed);
  g_object_run_dispose (G_OBJECT (f->session));
  g_clear_object (&f->session);
  g_clear_object (&f->endpoints);
  sandbox_fixture_teardown (&f->sf, NULL);
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
#define ADD_LIVE(path, func) g_test_add (path, Fixture, NULL, live_setup, func, fixture_teardown)

/* Types AAPL and waits for its asset and last price */
static void
enter_aapl (Fixture *f)
{
  set_text (f->ticket, "ticket-symbol", "aapl");
  PADDOCK_TEST_WAIT_UNTIL (paddock_order_ticket_get_asset (f->ticket) != NULL &&
                           paddock_order_ticket_get_last_price (f->ticket) != NULL);
  paddock_test_drain ();
}

/* The sandbox's orders with @client_order_id */
static guint
sandbox_orders_with (Fixture    *f,
                     const char *client_order_id)
{
  g_autoptr (TestReply) reply = test_request (&f->sf, "GET", "paper:/v2/orders?status=all&limit=500",
                                              f->sf.token, NULL);
  JsonArray *orders = test_reply_array (reply);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (orders); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (orders, i),
                                                  "client_order_id"), client_order_id) == 0)
      n++;
  return n;
}

static void
respond (Fixture    *f,
         const char *response)
{
  AdwMessageDialog *dialog = paddock_order_ticket_get_dialog (f->ticket);

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  paddock_test_drain ();
}

/* ---- the form ----------------------------------------------------------------------- */

static void
test_invalid_names_field (Fixture       *f,
                          gconstpointer  data)
{
  PaddockOrderTicket *t = f->ticket;
  GtkWidget *extended;

  /* opened: the focus in Symbol, nothing to review yet, the message says what is missing */
  g_assert_cmpstr (paddock_order_ticket_get_focus_name (t), ==, "ticket-symbol");
  g_assert_false (paddock_order_ticket_is_valid (t));
  g_assert_false (review_sensitive (t));
  g_assert_cmpint (paddock_order_ticket_get_error_field (t), ==, PADDOCK_ORDER_FIELD_SYMBOL);
  g_assert_true (gtk_widget_get_visible (paddock_test_get_named (t, "ticket-error")));

  enter_aapl (f);
  g_assert_cmpstr (paddock_order_ticket_get_symbol (t), ==, "AAPL");
  g_assert_cmpint (paddock_order_ticket_get_error_field (t), ==, PADDOCK_ORDER_FIELD_QTY);

  /* a quantity that is not a number: Shares is named and marked, Review stays off */
  set_text (t, "ticket-qty", "ten");
  g_assert_false (paddock_order_ticket_is_valid (t));
  g_assert_cmpint (paddock_order_ticket_get_error_field (t), ==, PADDOCK_ORDER_FIELD_QTY);
  g_assert_true (has_error_style (t, "ticket-qty"));
  g_assert_false (has_error_style (t, "ticket-symbol"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (paddock_test_get_named (t, "ticket-error"))), ==,
                   paddock_order_ticket_get_error_message (t));
  g_assert_true (gtk_widget_get_visible (paddock_test_get_named (t, "ticket-error")));
  g_assert_false (review_sensitive (t));

  /* fixed: valid, nothing marked, Review on */
  set_text (t, "ticket-qty", "10");
  g_assert_true (paddock_order_ticket_is_valid (t));
  g_assert_cmpint (paddock_order_ticket_get_error_field (t), ==, PADDOCK_ORDER_FIELD_NONE);
  g_assert_false (has_error_style (t, "ticket-qty"));
  g_assert_false (gtk_widget_get_visible (paddock_test_get_named (t, "ticket-error")));
  g_assert_true (review_sensitive (t));

  /* a limit order needs its price: the Limit Price row appears and is named */
  select_row (t, "ticket-type", 1);
  g_assert_true (gtk_widget_get_visible (paddock_test_get_named (t, "ticket-limit")));
  g_assert_false (gtk_widget_get_visible (paddock_test_get_named (t, "ticket-stop")));
  g_assert_cmpint (paddock_order_ticket_get_error_field (t), ==, PADDOCK_ORDER_FIELD_LIMIT_PRICE);
  g_assert_true (has_error_style (t, "ticket-limit"));
  g_assert_false (review_sensitive (t));
  set_text (t, "ticket-limit", "190.50");
  g_assert_true (paddock_order_ticket_is_valid (t));

  /* extended hours only for a limit order for the day */
  select_row (t, "ticket-tif", 1);
  g_assert_true (paddock_order_ticket_is_valid (t));
  extended =
    paddock_test_find_type (paddock_test_get_named (t, "ticket-extended"), GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (extended), TRUE);
  paddock_test_drain ();
  g_assert_true (paddock_order_request_get_extended_hours (paddock_order_ticket_get_request (t)));
  g_assert_cmpint (paddock_order_ticket_get_error_field (t), ==, PADDOCK_ORDER_FIELD_EXTENDED_HOURS);
  g_assert_true (has_error_style (t, "ticket-extended"));
  g_assert_false (review_sensitive (t));
  select_row (t, "ticket-tif", 0);
  g_assert_true (paddock_order_ticket_is_valid (t));
  gtk_switch_set_active (GTK_SWITCH (extended), FALSE);
  paddock_test_drain ();

  /* an unknown symbol is named once looked up */
  set_text (t, "ticket-symbol", "NOSUCHSYM");
  PADDOCK_TEST_WAIT_UNTIL (paddock_order_ticket_get_error_field (t) == PADDOCK_ORDER_FIELD_SYMBOL);
  g_assert_true (has_error_style (t, "ticket-symbol"));
  g_assert_false (review_sensitive (t));
}

static void
test_notional_market_day (Fixture       *f,
                          gconstpointer  data)
{
  PaddockOrderTicket *t = f->ticket;

  enter_aapl (f);
  select_row (t, "ticket-amount-kind", 1);
  g_assert_true (gtk_widget_get_visible (paddock_test_get_named (t, "ticket-notional")));
  g_assert_false (gtk_widget_get_visible (paddock_test_get_named (t, "ticket-qty")));
  set_text (t, "ticket-notional", "500");
  g_assert_true (paddock_order_ticket_is_valid (t));
  g_assert_cmpstr (paddock_order_request_get_notional (paddock_order_ticket_get_request (t)), ==,
                   "500");
  g_assert_null (paddock_order_request_get_qty (paddock_order_ticket_get_request (t)));
  g_assert_cmpstr (paddock_order_ticket_get_estimate (t), ==, "500");

  /* a limit order by dollars: refused, Dollars named */
  select_row (t, "ticket-type", 1);
  set_text (t, "ticket-limit", "190");
  g_assert_false (paddock_order_ticket_is_valid (t));
  g_assert_cmpint (paddock_order_ticket_get_error_field (t), ==, PADDOCK_ORDER_FIELD_NOTIONAL);
  g_assert_true (has_error_style (t, "ticket-notional"));
  g_assert_false (review_sensitive (t));

  /* market again, but good till canceled: refused too */
  select_row (t, "ticket-type", 0);
  g_assert_true (paddock_order_ticket_is_valid (t));
  select_row (t, "ticket-tif", 1);
  g_assert_cmpint (paddock_order_ticket_get_error_field (t), ==, PADDOCK_ORDER_FIELD_NOTIONAL);
  g_assert_false (review_sensitive (t));

  /* for the day: fine */
  select_row (t, "ticket-tif", 0);
  g_assert_true (paddock_order_ticket_is_valid (t));
  g_assert_true (review_sensitive (t));
}

static void
test_summary_cost (Fixture       *f,
                   gconstpointer  data)
{
  PaddockOrderTicket *t = f->ticket;
  PaddockAccount *account = paddock_session_get_account (f->session);
  g_autofree char *bp = paddock_format_money (paddock_account_get_buying_power (account), "USD");
  g_autofree char *summary = NULL;

  enter_aapl (f);
  g_assert_cmpstr (paddock_order_ticket_get_last_price (t), ==, "200");
  g_assert_cmpstr (paddock_asset_get_name (paddock_order_ticket_get_asset (t)), ==,
                   "Apple Inc. Common Stock");
  g_assert_true (gtk_widget_get_visible (paddock_test_get_named (t, "ticket-asset")));
  g_assert_cmpstr (gtk_label_get_label (
                     GTK_LABEL (paddock_test_get_named (t, "ticket-last-price"))),
                   ==, "$200.00");

  /* 10 at the last price, against the buying power */
  set_text (t, "ticket-qty", "10");
  g_assert_cmpstr (paddock_order_ticket_get_estimate (t), ==, "2000");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (paddock_test_get_named (t, "ticket-estimate"))),
                   ==, "$2,000.00");
  g_assert_cmpstr (gtk_label_get_label (
                     GTK_LABEL (paddock_test_get_named (t, "ticket-buying-power"))),
                   ==, bp);
  g_assert_false (paddock_order_ticket_is_over_buying_power (t));
  g_assert_false (gtk_widget_get_visible (paddock_test_get_named (t, "ticket-warning")));
  summary = paddock_order_ticket_dup_summary (t);
  g_assert_cmpstr (summary, ==, "Buy 10 AAPL at market, day order.");

  /* a limit order is estimated at its limit */
  select_row (t, "ticket-type", 1);
  set_text (t, "ticket-limit", "150.25");
  g_assert_cmpstr (paddock_order_ticket_get_estimate (t), ==, "1502.50");

  /* more than the buying power: the warning shows */
  set_text (t, "ticket-qty", "100000");
  g_assert_true (paddock_decimal_compare (paddock_order_ticket_get_estimate (t),
                                          paddock_account_get_buying_power (account)) > 0);
  g_assert_true (paddock_order_ticket_is_over_buying_power (t));
  g_assert_true (gtk_widget_get_visible (paddock_test_get_named (t, "ticket-warning")));
  g_assert_true (
    gtk_widget_has_css_class (paddock_test_get_named (t, "ticket-estimate"), "warning"));

  /* a sale is not paid with buying power */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (paddock_test_get_named (t, "ticket-sell")),
                                TRUE);
  paddock_test_drain ();
  g_assert_false (paddock_order_ticket_is_over_buying_power (t));
  g_assert_false (gtk_widget_get_visible (paddock_test_get_named (t, "ticket-warning")));
}

/* main()'s number format: the real en_US locale, or American separators in its place */
static gboolean american_override;

static void
use_german_numbers (void)
{
  _paddock_format_override_locale (".", ",", "\3\3");
}

static void
restore_numbers (void)
{
  if (american_override)
    _paddock_format_override_locale (",", ".", "\3\3");
  else
    _paddock_format_override_locale (NULL, NULL, NULL);
}

static const char *
entry_text (PaddockOrderTicket *ticket,
            const char         *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (paddock_test_get_named (ticket, name)));
}

/* Numbers typed the German way: "12,50" is sent as "12.50"; "1.000" (one or a thousand?)
 * is refused with the field named, never guessed at */
static void
test_german_numbers (Fixture       *f,
                     gconstpointer  data)
{
  PaddockOrderTicket *t = f->ticket;
  PaddockOrderRequest *r;
  g_autofree char *client_order_id = NULL;

  use_german_numbers ();
  paddock_order_ticket_set_precaution (t, 0, 0);

  /* a position's quantity is filled in as the person would type it */
  paddock_order_ticket_prefill (t, "AAPL", PADDOCK_ORDER_SIDE_BUY, "2.5");
  g_assert_cmpstr (entry_text (t, "ticket-qty"), ==, "2,5");
  g_assert_cmpstr (paddock_order_request_get_qty (paddock_order_ticket_get_request (t)), ==, "2.5");
  enter_aapl (f);

  set_text (t, "ticket-qty", "10");
  select_row (t, "ticket-type", 1);
  set_text (t, "ticket-limit", "12,50");
  r = paddock_order_ticket_get_request (t);
  g_assert_cmpstr (paddock_order_request_get_limit_price (r), ==, "12.50");
  g_assert_cmpstr (paddock_order_request_get_qty (r), ==, "10");
  g_assert_true (paddock_order_ticket_is_valid (t));
  g_assert_false (has_error_style (t, "ticket-limit"));
  g_assert_true (review_sensitive (t));
  g_assert_cmpstr (paddock_order_ticket_get_estimate (t), ==, "125.00");

  /* surrounding spaces are nothing */
  set_text (t, "ticket-limit", " 12,50 ");
  g_assert_cmpstr (paddock_order_request_get_limit_price (paddock_order_ticket_get_request (t)),
                   ==, "12.50");
  g_assert_true (paddock_order_ticket_is_valid (t));

  /* "1.000": refused, Limit Price named and marked, with an example in German */
  set_text (t, "ticket-limit", "1.000");
  r = paddock_order_ticket_get_request (t);
  g_assert_false (paddock_order_ticket_is_valid (t));
  g_assert_cmpint (paddock_order_ticket_get_error_field (t), ==, PADDOCK_ORDER_FIELD_LIMIT_PRICE);
  g_assert_cmpstr (paddock_order_ticket_get_error_message (t), ==,
                   "Limit price must be a number such as 10 or 12,50.");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (paddock_test_get_named (t, "ticket-error"))),
                   ==, "Limit price must be a number such as 10 or 12,50.");
  g_assert_true (has_error_style (t, "ticket-limit"));
  g_assert_false (has_error_style (t, "ticket-qty"));
  g_assert_false (review_sensitive (t));
  g_assert_cmpstr (paddock_order_request_get_limit_price (r), !=, "1.000");
  g_assert_cmpstr (paddock_order_request_get_limit_price (r), !=, "1");

  /* grouping and a second mark are refused too, not dropped */
  set_text (t, "ticket-limit", "1.000,50");
  g_assert_cmpint (paddock_order_ticket_get_error_field (t), ==, PADDOCK_ORDER_FIELD_LIMIT_PRICE);
  set_text (t, "ticket-limit", "12,5,0");
  g_assert_cmpint (paddock_order_ticket_get_error_field (t), ==, PADDOCK_ORDER_FIELD_LIMIT_PRICE);
  g_assert_false (review_sensitive (t));

  /* the quantity comes first in the form, so it is named first */
  set_text (t, "ticket-qty", "1.000");
  g_assert_cmpint (paddock_order_ticket_get_error_field (t), ==, PADDOCK_ORDER_FIELD_QTY);
  g_assert_cmpstr (paddock_order_ticket_get_error_message (t), ==,
                   "Quantity must be a number such as 10 or 12,50.");
  g_assert_true (has_error_style (t, "ticket-qty"));
  set_text (t, "ticket-qty", "10");

  /* corrected, and placed: the broker gets 12.50 */
  set_text (t, "ticket-limit", "12,50");
  g_assert_true (paddock_order_ticket_is_valid (t));
  g_assert_false (has_error_style (t, "ticket-limit"));
  client_order_id = g_strdup (paddock_order_request_get_client_order_id (
    paddock_order_ticket_get_request (t)));
  g_signal_emit_by_name (paddock_test_get_named (t, "ticket-review"), "clicked");
  paddock_test_drain ();
  g_assert_cmpint (paddock_order_ticket_get_confirmation (t), ==,
                   PADDOCK_TICKET_CONFIRMATION_CONFIRM);
  respond (f, "place");
  PADDOCK_TEST_WAIT_UNTIL (f->ticket == NULL);
  g_assert_cmpuint (f->n_placed, ==, 1);
  g_assert_cmpstr (paddock_order_get_client_order_id (f->placed), ==, client_order_id);
  g_assert_cmpint (paddock_decimal_compare (paddock_order_get_limit_price (f->placed), "12.50"),
                   ==, 0);
  g_assert_cmpint (paddock_decimal_compare (paddock_order_get_qty (f->placed), "10"), ==, 0);

  restore_numbers ();
}

/* ---- confirming and sending --------------------------------------------------------- */

static void
test_market_order_placed (Fixture       *f,
                          gconstpointer  data)
{
  PaddockOrderTicket *t = f->ticket;
  g_autofree char *client_order_id = NULL;

  paddock_order_ticket_set_precaution (t, 0, 0);
  enter_aapl (f);
  set_text (t, "ticket-qty", "2");
  client_order_id = g_strdup (paddock_order_request_get_client_order_id (
    paddock_order_ticket_get_request (t)));

  /* Review: the whole order in the confirmation, the paper one */
  g_signal_emit_by_name (paddock_test_get_named (t, "ticket-review"), "clicked");
  paddock_test_drain ();
  g_assert_cmpint (paddock_order_ticket_get_confirmation (t), ==,
                   PADDOCK_TICKET_CONFIRMATION_CONFIRM);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (paddock_order_ticket_get_dialog (t)),
                                   "Buy 2 AAPL at market, day order."));
  g_assert_cmpstr (adw_message_dialog_get_default_response (paddock_order_ticket_get_dialog (t)), ==,
                   "place");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (paddock_order_ticket_get_dialog (t),
                                                               "place"), ==,
                   ADW_RESPONSE_SUGGESTED);
  g_assert_cmpuint (sandbox_orders_with (f, client_order_id), ==, 0);

  respond (f, "place");
  g_assert_true (f->ticket == NULL || paddock_order_ticket_is_submitting (f->ticket));
  PADDOCK_TEST_WAIT_UNTIL (f->ticket == NULL);

  g_assert_cmpuint (f->n_placed, ==, 1);
  g_assert_false (f->reply_lost);
  g_assert_cmpstr (paddock_order_get_client_order_id (f->placed), ==, client_order_id);
  g_assert_cmpstr (paddock_order_get_symbol (f->placed), ==, "AAPL");
  g_assert_cmpuint (sandbox_orders_with (f, client_order_id), ==, 1);
}

static void
test_rejection_kept (Fixture       *f,
                     gconstpointer  data)
{
  PaddockOrderTicket *t = f->ticket;
  g_autofree char *client_order_id = NULL;

  paddock_order_ticket_set_precaution (t, 0, 0);
  enter_aapl (f);
  set_text (t, "ticket-qty", "1000000");
  client_order_id = g_strdup (paddock_order_request_get_client_order_id (
    paddock_order_ticket_get_request (t)));
  g_signal_emit_by_name (paddock_test_get_named (t, "ticket-review"), "clicked");
  paddock_test_drain ();
  respond (f, "place");
  PADDOCK_TEST_WAIT_UNTIL (!paddock_order_ticket_is_submitting (t));

  /* the broker's words, in the ticket; nothing typed is lost; nothing was placed */
  g_assert_nonnull (f->ticket);
  g_assert_cmpuint (f->n_placed, ==, 0);
  g_assert_nonnull (paddock_order_ticket_get_broker_error (t));
  g_assert_nonnull (strstr (paddock_order_ticket_get_broker_error (t), "insufficient buying power"));
  g_assert_true (gtk_widget_get_visible (paddock_test_get_named (t, "ticket-broker-error")));
  g_assert_cmpstr (gtk_label_get_label (
                     GTK_LABEL (paddock_test_get_named (t, "ticket-broker-error"))),
                   ==, paddock_order_ticket_get_broker_error (t));
  g_assert_cmpstr (gtk_editable_get_text (
                     GTK_EDITABLE (paddock_test_get_named (t, "ticket-symbol"))),
                   ==, "aapl");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (paddock_test_get_named (t, "ticket-qty"))),
                   ==, "1000000");
  g_assert_true (paddock_order_ticket_is_valid (t));
  g_assert_true (review_sensitive (t));
  g_assert_true (gtk_widget_get_sensitive (paddock_test_get_named (t, "ticket-cancel")));
  g_assert_cmpuint (sandbox_orders_with (f, client_order_id), ==, 0);

  /* a smaller order goes through and the refusal goes away with the ticket */
  set_text (t, "ticket-qty", "1");
  g_signal_emit_by_name (paddock_test_get_named (t, "ticket-review"), "clicked");
  paddock_test_drain ();
  respond (f, "place");
  PADDOCK_TEST_WAIT_UNTIL (f->ticket == NULL);
  g_assert_cmpuint (f->n_placed, ==, 1);
}

static void
test_reply_lost (Fixture       *f,
                 gconstpointer  data)
{
  PaddockOrderTicket *t = f->ticket;
  g_autofree char *client_order_id = NULL;

  paddock_order_ticket_set_precaution (t, 0, 0);
  enter_aapl (f);
  set_text (t, "ticket-qty", "1");
  client_order_id = g_strdup (paddock_order_request_get_client_order_id (
    paddock_order_ticket_get_request (t)));
  paddock_sandbox_add_fault (f->sf.sandbox, "POST", "/paper/v2/orders",
                             PADDOCK_SANDBOX_FAULT_DROP_AFTER_COMMIT, 0, 1);
  g_signal_emit_by_name (paddock_test_get_named (t, "ticket-review"), "clicked");
  paddock_test_drain ();
  respond (f, "place");
  PADDOCK_TEST_WAIT_UNTIL (f->ticket == NULL);

  /* found by its client_order_id: placed, the reply was lost, one order */
  g_assert_cmpuint (f->n_placed, ==, 1);
  g_assert_true (f->reply_lost);
  g_assert_cmpstr (paddock_order_get_client_order_id (f->placed), ==, client_order_id);
  g_assert_cmpuint (sandbox_orders_with (f, client_order_id), ==, 1);
}

static void
test_outcome_unknown (Fixture       *f,
                      gconstpointer  data)
{
  PaddockOrderTicket *t = f->ticket;
  g_autofree char *client_order_id = NULL;

  paddock_order_ticket_set_precaution (t, 0, 0);
  enter_aapl (f);
  set_text (t, "ticket-qty", "1");
  client_order_id = g_strdup (paddock_order_request_get_client_order_id (
    paddock_order_ticket_get_request (t)));
  paddock_sandbox_add_fault (f->sf.sandbox, "POST", "/paper/v2/orders",
                             PADDOCK_SANDBOX_FAULT_DROP_AFTER_COMMIT, 0, 1);
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/paper/v2/orders:by_client_order_id",
                             PADDOCK_SANDBOX_FAULT_STATUS, 503, -1);
  g_signal_emit_by_name (paddock_test_get_named (t, "ticket-review"), "clicked");
  paddock_test_drain ();
  respond (f, "place");
  PADDOCK_TEST_WAIT_UNTIL (!paddock_order_ticket_is_submitting (t));

  /* not told as placed, not as refused: check the Orders page; the form and the order's
   * client_order_id are kept, so trying again cannot place a second order */
  g_assert_nonnull (f->ticket);
  g_assert_cmpuint (f->n_placed, ==, 0);
  g_assert_nonnull (strstr (paddock_order_ticket_get_broker_error (t), "Check the Orders page"));
  g_assert_true (gtk_widget_get_visible (paddock_test_get_named (t, "ticket-broker-error")));
  g_assert_cmpstr (paddock_order_request_get_client_order_id (paddock_order_ticket_get_request (t)),
                   ==, client_order_id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (paddock_test_get_named (t, "ticket-qty"))),
                   ==, "1");
  paddock_sandbox_clear_faults (f->sf.sandbox);
  g_assert_cmpuint (sandbox_orders_with (f, client_order_id), ==, 1);
}

static void
test_live_confirmation (Fixture       *f,
                        gconstpointer  data)
{
  PaddockOrderTicket *t = f->ticket;
  AdwMessageDialog *dialog;

  paddock_order_ticket_set_precaution (t, 0, 0);
  g_assert_cmpint (paddock_order_ticket_get_environment (t), ==, PADDOCK_ENVIRONMENT_LIVE);
  enter_aapl (f);
  set_text (t, "ticket-qty", "1");
  /* Enter in a field of a valid form reviews it */
  press_enter_in (t, "ticket-qty");
  g_assert_cmpint (paddock_order_ticket_get_confirmation (t), ==, PADDOCK_TICKET_CONFIRMATION_LIVE);
  dialog = paddock_order_ticket_get_dialog (t);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Place a Live Order?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "real money"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Live account"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "place"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "place"), ==, "Place _Live Order");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "place");

  /* Back: nothing sent, the form as it was */
  respond (f, "cancel");
  g_assert_cmpint (paddock_order_ticket_get_confirmation (t), ==, PADDOCK_TICKET_CONFIRMATION_NONE);
  g_assert_null (paddock_order_ticket_get_dialog (t));
  g_assert_false (paddock_order_ticket_is_submitting (t));
  g_assert_nonnull (f->ticket);
}

static void
test_paper_confirmation_not_live (Fixture       *f,
                                  gconstpointer  data)
{
  PaddockOrderTicket *t = f->ticket;
  AdwMessageDialog *dialog;

  paddock_order_ticket_set_precaution (t, 0, 0);
  enter_aapl (f);
  set_text (t, "ticket-qty", "1");
  press_enter_in (t, "ticket-symbol");
  g_assert_cmpint (paddock_order_ticket_get_confirmation (t), ==, PADDOCK_TICKET_CONFIRMATION_CONFIRM);
  dialog = paddock_order_ticket_get_dialog (t);
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "real money"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "place"), !=,
                   ADW_RESPONSE_DESTRUCTIVE);
  respond (f, "cancel");

  /* Enter in an invalid form does nothing */
  set_text (t, "ticket-qty", "");
  press_enter_in (t, "ticket-qty");
  g_assert_cmpint (paddock_order_ticket_get_confirmation (t), ==, PADDOCK_TICKET_CONFIRMATION_NONE);
}

static void
test_precaution (Fixture       *f,
                 gconstpointer  data)
{
  PaddockOrderTicket *t = f->ticket;
  g_autofree char *first_id = NULL;

  enter_aapl (f);

  /* worth 2,000 with the precaution at 1,000: asked again, after the confirmation */
  paddock_order_ticket_set_precaution (t, 1000, 0);
  set_text (t, "ticket-qty", "10");
  first_id = g_strdup (paddock_order_request_get_client_order_id (paddock_order_ticket_get_request (t)));
  g_signal_emit_by_name (paddock_test_get_named (t, "ticket-review"), "clicked");
  paddock_test_drain ();
  g_assert_cmpint (paddock_order_ticket_get_confirmation (t), ==, PADDOCK_TICKET_CONFIRMATION_CONFIRM);
  respond (f, "place");
  g_assert_cmpint (paddock_order_ticket_get_confirmation (t), ==,
                   PADDOCK_TICKET_CONFIRMATION_PRECAUTION);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (paddock_order_ticket_get_dialog (t)),
                            "$1,000.00"));
  g_assert_false (paddock_order_ticket_is_submitting (t));
  /* declined: nothing sent */
  respond (f, "cancel");
  g_assert_false (paddock_order_ticket_is_submitting (t));
  g_assert_cmpuint (sandbox_orders_with (f, first_id), ==, 0);

  /* worth 500: under it, no second question (sent; stopped before it is, by Back) */
  set_text (t, "ticket-qty", "2");
  g_signal_emit_by_name (paddock_test_get_named (t, "ticket-review"), "clicked");
  paddock_test_drain ();
  respond (f, "place");
  g_assert_true (f->ticket == NULL ||
                 paddock_order_ticket_get_confirmation (t) == PADDOCK_TICKET_CONFIRMATION_NONE);
  PADDOCK_TEST_WAIT_UNTIL (f->ticket == NULL);
  g_assert_cmpuint (f->n_placed, ==, 1);
}

static void
test_precaution_price_away (Fixture       *f,
                            gconstpointer  data)
{
  PaddockOrderTicket *t = f->ticket;

  enter_aapl (f);
  paddock_order_ticket_set_precaution (t, 0, 5);
  set_text (t, "ticket-qty", "1");
  select_row (t, "ticket-type", 1);

  /* 150 is 25 % under 200: asked again */
  set_text (t, "ticket-limit", "150");
  g_signal_emit_by_name (paddock_test_get_named (t, "ticket-review"), "clicked");
  paddock_test_drain ();
  respond (f, "place");
  g_assert_cmpint (paddock_order_ticket_get_confirmation (t), ==,
                   PADDOCK_TICKET_CONFIRMATION_PRECAUTION);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (paddock_order_ticket_get_dialog (t)),
                            "5% away"));
  respond (f, "cancel");

  /* 195 is 2.5 % away: no second question */
  set_text (t, "ticket-limit", "195");
  g_signal_emit_by_name (paddock_test_get_named (t, "ticket-review"), "clicked");
  paddock_test_drain ();
  respond (f, "place");
  g_assert_true (f->ticket == NULL ||
                 paddock_order_ticket_get_confirmation (t) == PADDOCK_TICKET_CONFIRMATION_NONE);
  PADDOCK_TEST_WAIT_UNTIL (f->ticket == NULL);
  g_assert_cmpuint (f->n_placed, ==, 1);
}

/* ---- keys --------------------------------------------------------------------------- */

/* The names Tab visits from Symbol until it comes back to it */
static GPtrArray *
tab_cycle (PaddockOrderTicket *t,
           GtkDirectionType    direction)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_grab_focus (paddock_test_get_named (t, "ticket-symbol"));
  paddock_test_drain ();
  g_assert_cmpstr (paddock_order_ticket_get_focus_name (t), ==, "ticket-symbol");
  for (guint i = 0; i < 40; i++)
    {
      const char *name;

      g_signal_emit_by_name (t, "move-focus", direction);
      paddock_test_drain ();
      name = paddock_order_ticket_get_focus_name (t);
      if (g_strcmp0 (name, "ticket-symbol") == 0)
        return names;
      g_ptr_array_add (names, g_strdup (name != NULL ? name : "(none)"));
    }
  g_error ("Tab never came back to the symbol");
}

static char *
join (GPtrArray *names)
{
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_tab_order (Fixture       *f,
                gconstpointer  data)
{
  PaddockOrderTicket *t = f->ticket;
  g_autoptr (GPtrArray) forward = NULL;
  g_autoptr (GPtrArray) backward = NULL;
  g_autoptr (GPtrArray) limit = NULL;
  g_autoptr (GPtrArray) advanced = NULL;
  g_autofree char *forward_text = NULL;
  g_autofree char *limit_text = NULL;
  g_autofree char *advanced_text = NULL;
  g_autoptr (GString) reversed = g_string_new (NULL);
  g_autofree char *backward_text = NULL;

  enter_aapl (f);
  set_text (t, "ticket-qty", "1");

  forward = tab_cycle (t, GTK_DIR_TAB_FORWARD);
  forward_text = join (forward);
  g_assert_cmpstr (forward_text, ==,
                   "ticket-buy ticket-sell ticket-type ticket-amount-kind ticket-qty ticket-tif "
                   "ticket-advanced ticket-cancel ticket-review");

  /* Shift+Tab: the same, the other way */
  backward = tab_cycle (t, GTK_DIR_TAB_BACKWARD);
  for (guint i = backward->len; i > 0; i--)
    g_string_append_printf (reversed, "%s%s", reversed->len > 0 ? " " : "",
                            (char *) g_ptr_array_index (backward, i - 1));
  backward_text = join (backward);
  g_assert_cmpstr (reversed->str, ==, forward_text);

  /* a stop-limit order: its prices after the amount */
  select_row (t, "ticket-type", 3);
  set_text (t, "ticket-limit", "199");
  set_text (t, "ticket-stop", "198");
  g_assert_true (paddock_order_ticket_is_valid (t));
  limit = tab_cycle (t, GTK_DIR_TAB_FORWARD);
  limit_text = join (limit);
  g_assert_cmpstr (limit_text, ==,
                   "ticket-buy ticket-sell ticket-type ticket-amount-kind ticket-qty ticket-limit "
                   "ticket-stop ticket-tif ticket-advanced ticket-cancel ticket-review");

  /* Advanced opened, a bracket (its prices not given yet, so no Review): its rows after it */
  select_row (t, "ticket-type", 1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (paddock_test_get_named (t, "ticket-advanced")),
                                 TRUE);
  select_row (t, "ticket-class", 1);
  advanced = tab_cycle (t, GTK_DIR_TAB_FORWARD);
  advanced_text = join (advanced);
  g_assert_cmpstr (advanced_text, ==,
                   "ticket-buy ticket-sell ticket-type ticket-amount-kind ticket-qty ticket-limit "
                   "ticket-tif ticket-advanced ticket-extended ticket-class ticket-take-profit "
                   "ticket-stop-loss ticket-stop-loss-limit ticket-cancel");
}

static void
test_escape_closes (Fixture       *f,
                    gconstpointer  data)
{
  g_assert_true (paddock_test_activate_shortcut (GTK_WIDGET (f->ticket), "Escape"));
  paddock_test_drain ();
  PADDOCK_TEST_WAIT_UNTIL (f->ticket == NULL);
}

/* ---- the controller: Ctrl+N, Buy and Sell on a position ----------------------------- */

typedef struct
{
  SandboxFixture sf;
  PaddockTokenStore *store;
  PaddockWindow *window;
  PaddockController *controller;
  char *report_path;            /* PADDOCK_TEST_REPORT of the window's test hooks */
} AppFixture;

static void
app_setup (AppFixture    *f,
           gconstpointer  data)
{
  g_autoptr (TestReply) order = NULL;

  sandbox_fixture_setup (&f->sf, NULL);
  paddock_sandbox_set_tick_interval (f->sf.sandbox, 0);
  paddock_test_app_use_sandbox (f->sf.sandbox);

  /* a position to buy more of or sell */
  order = test_request (&f->sf, "POST", "paper:/v2/orders", f->sf.token,
                        "{\"symbol\":\"MSFT\",\"qty\":\"3\",\"side\":\"buy\",\"type\":\"market\","
                        "\"time_in_force\":\"day\"}");
  g_assert_cmpuint (order->status, ==, 200);

  f->store = paddock_test_store_paper_account (&f->sf, f->sf.token, "account:write trading data",
                                               NULL, NULL);

  /* the test hooks write their report as the app's would */
  f->report_path = g_build_filename (g_get_tmp_dir (), "paddock-ticket-report-XXXXXX.json", NULL);
  g_close (g_mkstemp (f->report_path), NULL);
  g_setenv ("PADDOCK_TEST_REPORT", f->report_path, TRUE);
  f->window = paddock_window_new (NULL);
  paddock_test_hooks_attach (f->window);
  g_unsetenv ("PADDOCK_TEST_REPORT");
  gtk_window_present (GTK_WINDOW (f->window));
  f->controller = paddock_controller_new (f->window);
}

/* The hooks' last report, once it says the ticket is open with @focus focused */
static gboolean
report_shows_ticket (AppFixture *f,
                     const char *focus)
{
  g_autofree char *text = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *ticket;

  if (!g_file_get_contents (f->report_path, &text, NULL, NULL) ||
      (node = json_from_string (text, NULL)) == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      !json_object_has_member (json_node_get_object (node), "ticket"))
    return FALSE;
  ticket = json_object_get_object_member (json_node_get_object (node), "ticket");
  return json_object_get_boolean_member (ticket, "open") &&
         g_strcmp0 (json_object_get_string_member_with_default (ticket, "focus", NULL), focus) == 0;
}

static void
app_teardown (AppFixture    *f,
              gconstpointer  data)
{
  paddock_test_controller_release (&f->controller);
  gtk_window_destroy (GTK_WINDOW (f->window));
  paddock_test_drain ();
  g_unlink (f->report_path);
  g_free (f->report_path);
  g_clear_object (&f->store);
  sandbox_fixture_teardown (&f->sf, NULL);
}

static PaddockOrderTicket *
open_ticket (PaddockWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (PADDOCK_IS_ORDER_TICKET (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return PADDOCK_ORDER_TICKET (toplevel);
    }
  return NULL;
}

static gboolean
account_shown (PaddockWindow *window)
{
  return g_strcmp0 (paddock_window_get_page (window), "account") == 0 &&
         paddock_account_view_get_account (paddock_window_get_account_view (window)) != NULL;
}

static void
close_ticket (PaddockWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (open_ticket (window)));
  paddock_test_drain ();
  g_assert_null (open_ticket (window));
}

static void
test_ctrl_n (AppFixture    *f,
             gconstpointer  data)
{
  PaddockOrderTicket *ticket;
  g_autofree char *report = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *reported;

  /* nothing to order for before an account is shown */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-order", NULL) &&
                  open_ticket (f->window) != NULL);

  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (account_shown (f->window));

  /* Ctrl+N: the window's own shortcut */
  g_assert_true (paddock_test_activate_shortcut (GTK_WIDGET (f->window), "<Control>n"));
  PADDOCK_TEST_WAIT_UNTIL (open_ticket (f->window) != NULL);
  ticket = open_ticket (f->window);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (ticket)));
  PADDOCK_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (ticket)));
  paddock_test_drain ();
  g_assert_cmpstr (paddock_order_ticket_get_focus_name (ticket), ==, "ticket-symbol");

  /* what the test hooks report */
  report = paddock_test_hooks_describe (f->window);
  node = json_from_string (report, NULL);
  reported = json_object_get_object_member (json_node_get_object (node), "ticket");
  g_assert_true (json_object_get_boolean_member (reported, "open"));
  g_assert_false (json_object_get_boolean_member (reported, "valid"));
  g_assert_cmpstr (json_object_get_string_member (reported, "error_field"), ==, "symbol");
  g_assert_cmpstr (json_object_get_string_member (reported, "focus"), ==, "ticket-symbol");
  g_assert_true (json_object_get_null_member (reported, "confirmation"));
  /* ... and the report file the hooks rewrite as the ticket changes */
  PADDOCK_TEST_WAIT_UNTIL (report_shows_ticket (f, "ticket-symbol"));
  g_signal_emit_by_name (ticket, "move-focus", GTK_DIR_TAB_FORWARD);
  PADDOCK_TEST_WAIT_UNTIL (report_shows_ticket (f, "ticket-buy"));
  close_ticket (f->window);

  /* app.new-order's path (the D-Bus action forwards to it) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-order", NULL));
  PADDOCK_TEST_WAIT_UNTIL (open_ticket (f->window) != NULL);
  close_ticket (f->window);
}

static void
test_position_buy_sell (AppFixture    *f,
                        gconstpointer  data)
{
  PaddockPositionsPage *page = paddock_window_get_positions_page (f->window);
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (paddock_positions_page_get_column_view (page)));
  PaddockOrderTicket *ticket;

  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (account_shown (f->window) && g_list_model_get_n_items (rows) > 0);

  /* Buy… on the row: the symbol and Buy, no quantity */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "positions.buy", "s", "MSFT"));
  PADDOCK_TEST_WAIT_UNTIL (open_ticket (f->window) != NULL);
  ticket = open_ticket (f->window);
  g_assert_cmpstr (paddock_order_ticket_get_symbol (ticket), ==, "MSFT");
  g_assert_cmpint (paddock_order_ticket_get_side (ticket), ==, PADDOCK_ORDER_SIDE_BUY);
  g_assert_cmpstr (gtk_editable_get_text (
                     GTK_EDITABLE (paddock_test_get_named (ticket, "ticket-qty"))),
                   ==, "");
  PADDOCK_TEST_WAIT_UNTIL (paddock_order_ticket_get_asset (ticket) != NULL);
  close_ticket (f->window);

  /* Sell…: the position's quantity too, ready to review */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "positions.sell", "s", "MSFT"));
  PADDOCK_TEST_WAIT_UNTIL (open_ticket (f->window) != NULL);
  ticket = open_ticket (f->window);
  g_assert_cmpstr (paddock_order_ticket_get_symbol (ticket), ==, "MSFT");
  g_assert_cmpint (paddock_order_ticket_get_side (ticket), ==, PADDOCK_ORDER_SIDE_SELL);
  g_assert_cmpstr (gtk_editable_get_text (
                     GTK_EDITABLE (paddock_test_get_named (ticket, "ticket-qty"))),
                   ==, "3");
  g_assert_true (paddock_order_ticket_is_valid (ticket));
  close_ticket (f->window);
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/ui/ticket/no-display", test_no_display);
      return g_test_run ();
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  if (setlocale (LC_NUMERIC, "en_US.UTF-8") == NULL)
    {
      _paddock_format_override_locale (",", ".", "\3\3");
      american_override = TRUE;
    }

  ADD ("/ui/ticket/invalid-names-field", test_invalid_names_field);
  ADD ("/ui/ticket/notional-market-day", test_notional_market_day);
  ADD ("/ui/ticket/summary-cost", test_summary_cost);
  ADD ("/ui/ticket/german-numbers", test_german_numbers);
  ADD ("/ui/ticket/market-order-placed", test_market_order_placed);
  ADD ("/ui/ticket/rejection-kept", test_rejection_kept);
  ADD ("/ui/ticket/reply-lost", test_reply_lost);
  ADD ("/ui/ticket/outcome-unknown", test_outcome_unknown);
  ADD_LIVE ("/ui/ticket/live-confirmation", test_live_confirmation);
  ADD ("/ui/ticket/paper-confirmation", test_paper_confirmation_not_live);
  ADD ("/ui/ticket/precaution-value", test_precaution);
  ADD ("/ui/ticket/precaution-price", test_precaution_price_away);
  ADD ("/ui/ticket/tab-order", test_tab_order);
  ADD ("/ui/ticket/escape-closes", test_escape_closes);
  g_test_add ("/ui/ticket/ctrl-n", AppFixture, NULL, app_setup, test_ctrl_n, app_teardown);
  g_test_add ("/ui/ticket/position-buy-sell", AppFixture, NULL, app_setup,
              test_position_buy_sell, app_teardown);

  return g_test_run ();
}
