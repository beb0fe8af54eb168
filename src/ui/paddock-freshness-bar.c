/* paddock-freshness-bar.c: "Updated 10:42", a spinner, and the stale-data banner of a page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page binds its updated-at, loading and error properties here (the controller binds
 * the page's to its store's). With an error the banner stays up, saying from when the
 * figures shown are, until a refresh succeeds: never silent stale money.
 */
#define G_LOG_DOMAIN "paddock-freshness-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-freshness-bar.h"
#include "paddock-window.h"

struct _PaddockFreshnessBar
{
  GtkWidget parent_instance;

  GtkRevealer *banner;
  GtkLabel *banner_label;
  GtkSpinner *spinner;
  GtkLabel *updated_label;

  GDateTime *updated_at;
  gboolean loading;
  GError *error;
};

G_DEFINE_FINAL_TYPE (PaddockFreshnessBar, paddock_freshness_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_UPDATED_AT,
  PROP_LOADING,
  PROP_ERROR,
  PROP_STALE,
  N_PROPS
};

enum {
  SIGNAL_RETRY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The demo's banner speaks of the demo, not of Alpaca */
static gboolean
shows_demo (PaddockFreshnessBar *self)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), PADDOCK_TYPE_WINDOW);

  return window != NULL &&
         paddock_window_get_environment (PADDOCK_WINDOW (window)) == PADDOCK_ENVIRONMENT_DEMO;
}

static void
update (PaddockFreshnessBar *self)
{
  g_autofree char *time = NULL;
  g_autoptr (GDateTime) local = NULL;
  gboolean was_stale = gtk_revealer_get_reveal_child (self->banner);
  gboolean stale = self->error != NULL;

  if (self->updated_at != NULL)
    {
      local = g_date_time_to_local (self->updated_at);
      time = g_date_time_format (local, "%H:%M");
    }

  if (time != NULL)
    {
      /* Translators: when the figures on a page were fetched, e.g. "Updated 10:42" */
      g_autofree char *text = g_strdup_printf (_("Updated %s"), time);

      gtk_label_set_label (self->updated_label, text);
    }
  else
    gtk_label_set_label (self->updated_label, self->loading ? _("Loading…") : NULL);

  gtk_spinner_set_spinning (self->spinner, self->loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->loading);

  if (stale)
    {
      g_autofree char *text = NULL;

      if (shows_demo (self) && time != NULL)
        /* Translators: a banner over the demo's figures that could not be refreshed */
        text = g_strdup_printf (_("The demo could not be reached — showing figures from %s."),
                                time);
      else if (shows_demo (self))
        text = g_strdup (_("The demo could not be reached."));
      else if (time != NULL)
        /* Translators: a banner over figures that could not be refreshed */
        text = g_strdup_printf (_("Alpaca could not be reached — showing figures from %s."), time);
      else
        text = g_strdup (_("Alpaca could not be reached."));
      gtk_label_set_label (self->banner_label, text);
      /* the technical detail, for whoever wants it */
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->banner_label), self->error->message);
    }
  gtk_revealer_set_reveal_child (self->banner, stale);
  if (was_stale != stale)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

static void
retry_clicked_cb (PaddockFreshnessBar *self)
{
  g_signal_emit (self, signals[SIGNAL_RETRY], 0);
}

static void
paddock_freshness_bar_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), PADDOCK_TYPE_FRESHNESS_BAR);
  /* the template's children without an id too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (paddock_freshness_bar_parent_class)->dispose (object);
}

static void
paddock_freshness_bar_finalize (GObject *object)
{
  PaddockFreshnessBar *self = PADDOCK_FRESHNESS_BAR (object);

  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (paddock_freshness_bar_parent_class)->finalize (object);
}

static void
paddock_freshness_bar_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PaddockFreshnessBar *self = PADDOCK_FRESHNESS_BAR (object);

  switch (prop_id)
    {
    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_STALE:
      g_value_set_boolean (value, paddock_freshness_bar_get_stale (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_freshness_bar_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PaddockFreshnessBar *self = PADDOCK_FRESHNESS_BAR (object);

  switch (prop_id)
    {
    case PROP_UPDATED_AT:
      paddock_freshness_bar_set_updated_at (self, g_value_get_boxed (value));
      break;
    case PROP_LOADING:
      paddock_freshness_bar_set_loading (self, g_value_get_boolean (value));
      break;
    case PROP_ERROR:
      paddock_freshness_bar_set_error (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_freshness_bar_class_init (PaddockFreshnessBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = paddock_freshness_bar_dispose;
  object_class->finalize = paddock_freshness_bar_finalize;
  object_class->get_property = paddock_freshness_bar_get_property;
  object_class->set_property = paddock_freshness_bar_set_property;

  /**
   * PaddockFreshnessBar:updated-at:
   *
   * When the data shown was fetched, or %NULL before the first fetch.
   */
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PaddockFreshnessBar:loading:
   *
   * Whether a refresh runs now: the spinner turns.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PaddockFreshnessBar:error:
   *
   * Why the last refresh failed, or %NULL: the banner shows while there is one.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PaddockFreshnessBar:stale:
   *
   * Whether the banner is up.
   */
  properties[PROP_STALE] =
    g_param_spec_boolean ("stale", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PaddockFreshnessBar::retry:
   *
   * The person pressed Retry on the banner.
   */
  signals[SIGNAL_RETRY] =
    g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paddockapp/Paddock/paddock-freshness-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, PaddockFreshnessBar, banner);
  gtk_widget_class_bind_template_child (widget_class, PaddockFreshnessBar, banner_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockFreshnessBar, spinner);
  gtk_widget_class_bind_template_child (widget_class, PaddockFreshnessBar, updated_label);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
paddock_freshness_bar_init (PaddockFreshnessBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GDateTime *
paddock_freshness_bar_get_updated_at (PaddockFreshnessBar *self)
{
  g_return_val_if_fail (PADDOCK_IS_FRESHNESS_BAR (self), NULL);

  return self->updated_at;
}

/**
 * paddock_freshness_bar_set_updated_at:
 * @self: a freshness bar
 * @updated_at: (nullable): when the data shown was fetched
 */
void
paddock_freshness_bar_set_updated_at (PaddockFreshnessBar *self,
                                      GDateTime           *updated_at)
{
  g_return_if_fail (PADDOCK_IS_FRESHNESS_BAR (self));

  if (self->updated_at == updated_at ||
      (self->updated_at != NULL && updated_at != NULL &&
       g_date_time_equal (self->updated_at, updated_at)))
    return;

  g_clear_pointer (&self->updated_at, g_date_time_unref);
  if (updated_at != NULL)
    self->updated_at = g_date_time_ref (updated_at);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

gboolean
paddock_freshness_bar_get_loading (PaddockFreshnessBar *self)
{
  g_return_val_if_fail (PADDOCK_IS_FRESHNESS_BAR (self), FALSE);

  return self->loading;
}

void
paddock_freshness_bar_set_loading (PaddockFreshnessBar *self,
                                   gboolean             loading)
{
  g_return_if_fail (PADDOCK_IS_FRESHNESS_BAR (self));

  loading = !!loading;
  if (self->loading == loading)
    return;
  self->loading = loading;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

const GError *
paddock_freshness_bar_get_error (PaddockFreshnessBar *self)
{
  g_return_val_if_fail (PADDOCK_IS_FRESHNESS_BAR (self), NULL);

  return self->error;
}

/**
 * paddock_freshness_bar_set_error:
 * @self: a freshness bar
 * @error: (nullable): why the last refresh failed; %NULL after a success
 */
void
paddock_freshness_bar_set_error (PaddockFreshnessBar *self,
                                 const GError        *error)
{
  g_return_if_fail (PADDOCK_IS_FRESHNESS_BAR (self));

  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/**
 * paddock_freshness_bar_get_stale:
 * @self: a freshness bar
 *
 * Returns: whether the stale banner is up
 */
gboolean
paddock_freshness_bar_get_stale (PaddockFreshnessBar *self)
{
  g_return_val_if_fail (PADDOCK_IS_FRESHNESS_BAR (self), FALSE);

  return gtk_revealer_get_reveal_child (self->banner);
}
