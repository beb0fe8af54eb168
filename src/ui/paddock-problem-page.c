/* paddock-problem-page.c: what went wrong, and the one button that helps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each error code gets its own title, a sentence or two on what to do, and the one button
 * that does it. The page does not act by itself: it emits ::action with the button's id
 * and whoever drives the sign-in decides what that means.
 */
#define G_LOG_DOMAIN "paddock-problem-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "paddock-error.h"
#include "paddock-problem-page.h"

struct _PaddockProblemPage
{
  GtkWidget parent_instance;

  AdwStatusPage *status_page;
  GtkButton *action_button;

  char *action_id;
  PaddockEnvironment environment;  /* the demo's problems speak of the demo */
  char *account_number;            /* the account a revoked access is about, if known */
};

G_DEFINE_FINAL_TYPE (PaddockProblemPage, paddock_problem_page, GTK_TYPE_WIDGET)

enum {
  SIGNAL_ACTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  const char *title;
  char *description;  /* Pango markup */
  const char *button;
  const char *action_id;
} Problem;

static char *
escaped_message (const GError *error)
{
  if (error->message == NULL || error->message[0] == '\0')
    return g_strdup ("");
  return g_markup_escape_text (error->message, -1);
}

static void
describe (PaddockProblemPage *self,
          const GError       *error,
          Problem            *problem)
{
  gboolean demo = self->environment == PADDOCK_ENVIRONMENT_DEMO;

  problem->button = _("Try Again");
  problem->action_id = PADDOCK_PROBLEM_ACTION_TRY_AGAIN;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      /* what the desktop answers when no application handles http links */
      problem->title = _("The Browser Could Not Be Opened");
      problem->description = g_strdup (_("Copy the link and open it in a web browser yourself. "
                                         "Paddock will continue when you approve access."));
      problem->button = _("Copy Link");
      problem->action_id = PADDOCK_PROBLEM_ACTION_COPY_LINK;
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
    {
      problem->title = _("No Redirect Port Is Free");
      problem->description = g_strdup (_("Other programs use every port registered as a "
                                         "redirect address of your OAuth app. Close them and "
                                         "try again."));
      return;
    }

  if (error->domain != PADDOCK_ERROR)
    {
      problem->title = _("Something Went Wrong");
      problem->description = escaped_message (error);
      return;
    }

  switch ((PaddockError) error->code)
    {
    case PADDOCK_ERROR_ACCESS_DENIED:
      problem->title = _("Access Was Denied");
      problem->description = g_strdup (_("Access was not approved in the browser. To use "
                                         "Paddock with this account, try again and approve "
                                         "access."));
      break;

    case PADDOCK_ERROR_KEYRING_LOCKED:
      problem->title = _("The Keyring Is Locked");
      problem->description = escaped_message (error);
      break;

    case PADDOCK_ERROR_KEYRING_UNAVAILABLE:
      problem->title = _("No Keyring Available");
      problem->description = escaped_message (error);
      break;

    case PADDOCK_ERROR_KEYRING_DAMAGED:
      problem->title = _("The Stored Sign-In Is Damaged");
      problem->description = escaped_message (error);
      problem->button = _("Sign In Again");
      problem->action_id = PADDOCK_PROBLEM_ACTION_SIGN_IN_AGAIN;
      break;

    case PADDOCK_ERROR_KEYRING:
      problem->title = _("The Keyring Could Not Be Used");
      problem->description = escaped_message (error);
      break;

    case PADDOCK_ERROR_TIMED_OUT:
      problem->title = _("Sign-In Timed Out");
      problem->description = g_strdup (_("No answer came from the browser in time. Try again "
                                         "and approve access within five minutes."));
      break;

    case PADDOCK_ERROR_NOT_AUTHORIZED:
      problem->title = _("Your Access Was Revoked or Has Expired");
      if (self->account_number != NULL)
        {
          g_autofree char *number = g_markup_escape_text (self->account_number, -1);

          problem->description =
            demo ? g_strdup_printf (_("The demo no longer accepts Paddock’s access to demo "
                                      "account %s. Sign in again to continue, or choose "
                                      "another account or sign out with the account "
                                      "button."), number)
                 : g_strdup_printf (_("Alpaca no longer accepts Paddock’s access to account "
                                      "%s. Sign in again to continue, or choose another "
                                      "account or sign out with the account button."),
                                    number);
        }
      else
        problem->description =
          demo ? g_strdup (_("The demo no longer accepts Paddock’s access to this demo "
                             "account. Sign in again to continue."))
               : g_strdup (_("Alpaca no longer accepts Paddock’s access to this account. "
                             "Sign in again to continue."));
      problem->button = _("Sign In Again");
      problem->action_id = PADDOCK_PROBLEM_ACTION_SIGN_IN_AGAIN;
      break;

    case PADDOCK_ERROR_NETWORK:
      if (demo)
        {
          /* the demo runs on this computer: no internet connection to check */
          problem->title = _("The Demo Could Not Be Reached");
          problem->description = g_strdup (_("The demo brokerage on this computer did not "
                                             "answer. Try again."));
        }
      else
        {
          problem->title = _("Alpaca Could Not Be Reached");
          problem->description = g_strdup (_("Check the internet connection and try again."));
        }
      break;

    case PADDOCK_ERROR_RATE_LIMITED:
      problem->title = _("Too Many Requests");
      problem->description = demo ? g_strdup (_("The demo asked Paddock to slow down. Wait a "
                                                "minute, then try again."))
                                  : g_strdup (_("Alpaca asked Paddock to slow down. Wait a "
                                                "minute, then try again."));
      break;

    case PADDOCK_ERROR_REJECTED:
    case PADDOCK_ERROR_INVALID_INPUT:
      problem->title = _("The Request Was Refused");
      problem->description = escaped_message (error);
      break;

    case PADDOCK_ERROR_MISSING_SCOPE:
      problem->title = _("Permission Not Granted");
      problem->description = g_strdup (_("This sign-in did not allow Paddock to change account "
                                         "settings and watchlists. Sign in again and allow "
                                         "it."));
      problem->button = _("Sign In Again");
      problem->action_id = PADDOCK_PROBLEM_ACTION_SIGN_IN_AGAIN;
      break;

    case PADDOCK_ERROR_SIP_NOT_PERMITTED:
      problem->title = _("Your Data Plan Does Not Include SIP");
      problem->description = g_strdup (_("Market data was asked for from the SIP feed, which "
                                         "your plan does not include. Choose IEX as the data "
                                         "feed in Preferences, or add SIP to your plan."));
      problem->button = _("Open Preferences");
      problem->action_id = PADDOCK_PROBLEM_ACTION_OPEN_PREFERENCES;
      break;

    case PADDOCK_ERROR_PROTOCOL:
      problem->title = _("The Server’s Answer Was Not Understood");
      problem->description = escaped_message (error);
      break;

    case PADDOCK_ERROR_FAILED:
    case PADDOCK_ERROR_NOT_FOUND:
    default:
      problem->title = _("Something Went Wrong");
      problem->description = escaped_message (error);
      break;
    }
}

static void
activate_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PaddockProblemPage *self = PADDOCK_PROBLEM_PAGE (widget);

  if (self->action_id != NULL)
    g_signal_emit (self, signals[SIGNAL_ACTION], 0, self->action_id);
}

static void
paddock_problem_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PADDOCK_TYPE_PROBLEM_PAGE);

  G_OBJECT_CLASS (paddock_problem_page_parent_class)->dispose (object);
}

static void
paddock_problem_page_finalize (GObject *object)
{
  PaddockProblemPage *self = PADDOCK_PROBLEM_PAGE (object);

  g_clear_pointer (&self->action_id, g_free);
  g_clear_pointer (&self->account_number, g_free);

  G_OBJECT_CLASS (paddock_problem_page_parent_class)->finalize (object);
}

static void
paddock_problem_page_class_init (PaddockProblemPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = paddock_problem_page_dispose;
  object_class->finalize = paddock_problem_page_finalize;

  /**
   * PaddockProblemPage::action:
   * @self: the page
   * @action_id: %PADDOCK_PROBLEM_ACTION_TRY_AGAIN, %PADDOCK_PROBLEM_ACTION_COPY_LINK or
   *   %PADDOCK_PROBLEM_ACTION_SIGN_IN_AGAIN
   *
   * The person pressed the page's button.
   */
  signals[SIGNAL_ACTION] = g_signal_new ("action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paddockapp/Paddock/paddock-problem-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PaddockProblemPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, PaddockProblemPage, action_button);

  gtk_widget_class_install_action (widget_class, "problem.activate", NULL, activate_cb);
}

static void
paddock_problem_page_init (PaddockProblemPage *self)
{
  self->environment = PADDOCK_ENVIRONMENT_PAPER;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * paddock_problem_page_new:
 *
 * Returns: (transfer floating): a new, empty problem page
 */
GtkWidget *
paddock_problem_page_new (void)
{
  return g_object_new (PADDOCK_TYPE_PROBLEM_PAGE, NULL);
}

/**
 * paddock_problem_page_set_error:
 * @self: a problem page
 * @error: what went wrong: a %PADDOCK_ERROR, or a %G_IO_ERROR from opening the browser
 *   (%G_IO_ERROR_NOT_SUPPORTED, %G_IO_ERROR_NOT_FOUND) or from the loopback receiver
 *   (%G_IO_ERROR_ADDRESS_IN_USE)
 *
 * Shows a title, what to do, and a button chosen from the error's domain and code.
 */
void
paddock_problem_page_set_error (PaddockProblemPage *self,
                                const GError       *error)
{
  Problem problem = { NULL, };

  g_return_if_fail (PADDOCK_IS_PROBLEM_PAGE (self));
  g_return_if_fail (error != NULL);

  describe (self, error, &problem);

  adw_status_page_set_title (self->status_page, problem.title);
  adw_status_page_set_description (self->status_page, problem.description);
  gtk_button_set_label (self->action_button, problem.button);
  g_free (self->action_id);
  self->action_id = g_strdup (problem.action_id);

  g_free (problem.description);
}

/**
 * paddock_problem_page_get_title:
 * @self: a problem page
 *
 * Returns: (nullable): the title shown
 */
const char *
paddock_problem_page_get_title (PaddockProblemPage *self)
{
  g_return_val_if_fail (PADDOCK_IS_PROBLEM_PAGE (self), NULL);

  return adw_status_page_get_title (self->status_page);
}

/**
 * paddock_problem_page_get_action_id:
 * @self: a problem page
 *
 * Returns: (nullable): the id the button emits ::action with
 */
const char *
paddock_problem_page_get_action_id (PaddockProblemPage *self)
{
  g_return_val_if_fail (PADDOCK_IS_PROBLEM_PAGE (self), NULL);

  return self->action_id;
}

/**
 * paddock_problem_page_set_context:
 * @self: a problem page
 * @environment: the environment the problem is about: the demo's problems speak of the
 *   demo, not of Alpaca
 * @account_number: (nullable): the account it is about, named when its access was revoked
 *
 * Takes effect with the next paddock_problem_page_set_error().
 */
void
paddock_problem_page_set_context (PaddockProblemPage *self,
                                  PaddockEnvironment  environment,
                                  const char         *account_number)
{
  g_return_if_fail (PADDOCK_IS_PROBLEM_PAGE (self));

  self->environment = environment;
  g_free (self->account_number);
  self->account_number = g_strdup (account_number);
}
