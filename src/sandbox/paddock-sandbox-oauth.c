/* paddock-sandbox-oauth.c: consent page, token endpoint and introspection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The authorization code grant of RFC 6749 §4.1, with PKCE (RFC 7636, S256 only) when the
 * client sends a code_challenge. The consent page is a plain HTML form that works without
 * JavaScript; what the person approves is kept on the server under a random pending-request
 * id, so the form cannot change the client, the redirect URI or the scopes.
 *
 * Codes, access tokens, verifiers and secrets are never logged.
 */
#define G_LOG_DOMAIN "paddock-sandbox-oauth"

#include "config.h"

#include <string.h>

#include "paddock-sandbox-private.h"

/* RFC 6749 §4.1.2 recommends at most 10 minutes for a code; the consent page gets as long. */
#define CODE_LIFETIME_US (G_GINT64_CONSTANT (600) * G_USEC_PER_SEC)

/* The demo user who owns every account of the sandbox; stable across runs. */
#define DEMO_OWNER_ID "3f6b1d2e-8c4a-4e7f-9b05-1a2c3d4e5f60"

typedef struct
{
  char *id;
  char *name;
  char *secret;
  GStrv redirect_uris;
} OAuthClient;

/* What the consent page shows, waiting for the person's decision. */
typedef struct
{
  char *client_id;
  char *redirect_uri;
  char *state;           /* NULL when none was sent */
  guint scopes;
  SandboxEnv env;
  char *code_challenge;  /* NULL without PKCE */
  gint64 created_at;     /* g_get_real_time () */
} OAuthPending;

typedef struct
{
  char *client_id;
  char *redirect_uri;
  guint scopes;
  SandboxEnv env;
  char *code_challenge;  /* NULL without PKCE */
  gint64 issued_at;      /* g_get_real_time () */
  gboolean used;
  GPtrArray *access_tokens; /* issued from this code, revoked if it is presented again */
} OAuthCode;

typedef struct
{
  GHashTable *clients;   /* client id → OAuthClient* */
  GHashTable *pending;   /* pending-request id → OAuthPending* */
  GHashTable *codes;     /* code → OAuthCode* */
} OAuthState;

static const struct
{
  guint bit;
  const char *name;
  const char *words;
} scope_names[] = {
  /* the canonical order of the token response's "scope" */
  { SANDBOX_SCOPE_ACCOUNT_WRITE, "account:write", "Change account settings and watchlists" },
  { SANDBOX_SCOPE_TRADING, "trading", "Place, change and cancel orders" },
  { SANDBOX_SCOPE_DATA, "data", "Read market data" },
};

static void
oauth_client_free (OAuthClient *client)
{
  g_free (client->id);
  g_free (client->name);
  g_free (client->secret);
  g_strfreev (client->redirect_uris);
  g_free (client);
}

static void
oauth_pending_free (OAuthPending *pending)
{
  g_free (pending->client_id);
  g_free (pending->redirect_uri);
  g_free (pending->state);
  g_free (pending->code_challenge);
  g_free (pending);
}

static void
oauth_code_free (OAuthCode *code)
{
  g_free (code->client_id);
  g_free (code->redirect_uri);
  g_free (code->code_challenge);
  g_ptr_array_unref (code->access_tokens);
  g_free (code);
}

static void
oauth_state_free (OAuthState *state)
{
  g_hash_table_unref (state->clients);
  g_hash_table_unref (state->pending);
  g_hash_table_unref (state->codes);
  g_free (state);
}

static OAuthState *
get_state (PaddockSandbox *self)
{
  return _sandbox_get_module (self, SANDBOX_MODULE_OAUTH);
}

static OAuthClient *
lookup_client (PaddockSandbox *self,
               const char     *client_id)
{
  OAuthState *state = get_state (self);

  if (state == NULL || client_id == NULL)
    return NULL;
  return g_hash_table_lookup (state->clients, client_id);
}

static gboolean
client_has_redirect (OAuthClient *client,
                     const char  *redirect_uri)
{
  /* exact string match: no normalisation, no port wildcards (as Alpaca) */
  return redirect_uri != NULL && g_strv_contains ((const char * const *) client->redirect_uris,
                                                  redirect_uri);
}

static gboolean
is_expired (gint64 created_at)
{
  return g_get_real_time () - created_at >= CODE_LIFETIME_US;
}

/* Forgets consent pages and codes nobody can use any more. Used codes stay, so that
 * presenting one again still revokes what it gave. */
static void
prune (OAuthState *state)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, state->pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (is_expired (((OAuthPending *) value)->created_at))
      g_hash_table_iter_remove (&iter);

  g_hash_table_iter_init (&iter, state->codes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      OAuthCode *code = value;

      if (!code->used && is_expired (code->issued_at))
        g_hash_table_iter_remove (&iter);
    }
}

static char *
scope_to_string (guint scopes)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (scope_names); i++)
    if (scopes & scope_names[i].bit)
      {
        if (out->len > 0)
          g_string_append_c (out, ' ');
        g_string_append (out, scope_names[i].name);
      }

  return g_string_free (out, FALSE);
}

/* Parses a space-separated scope list; NULL or "" is read-only access. */
static gboolean
parse_scope (const char *text,
             guint      *scopes)
{
  g_auto (GStrv) parts = g_strsplit (text ? text : "", " ", -1);

  *scopes = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean known = FALSE;

      if (*parts[i] == '\0')
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (scope_names); j++)
        if (g_str_equal (parts[i], scope_names[j].name))
          {
            *scopes |= scope_names[j].bit;
            known = TRUE;
          }
      if (!known)
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_base64url (const char *text,
              gsize       min_len,
              gsize       max_len,
              gboolean    pkce_unreserved)
{
  gsize len = strlen (text);

  if (len < min_len || len > max_len)
    return FALSE;
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_')
        continue;
      /* a verifier may also use "." and "~" (RFC 7636 §4.1) */
      if (pkce_unreserved && (*p == '.' || *p == '~'))
        continue;
      return FALSE;
    }
  return TRUE;
}

/* BASE64URL-NOPAD (SHA256 (verifier)), RFC 7636 §4.2 */
static char *
s256_challenge (const char *verifier)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_checksum_update (checksum, (const guchar *) verifier, (gssize) strlen (verifier));
  g_checksum_get_digest (checksum, digest, &digest_len);
  return _sandbox_base64url (digest, digest_len);
}

/* Appends name=value to a redirect URI's query, percent-encoding the value. */
static void
append_param (GString    *uri,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_c (uri, strchr (uri->str, '?') != NULL ? '&' : '?');
  g_string_append (uri, name);
  g_string_append_c (uri, '=');
  g_string_append (uri, escaped);
}

static void
redirect_error (SandboxRequest *req,
                const char     *redirect_uri,
                const char     *state,
                const char     *error,
                const char     *description)
{
  g_autoptr (GString) location = g_string_new (redirect_uri);

  append_param (location, "error", error);
  if (description != NULL)
    append_param (location, "error_description", description);
  if (state != NULL)
    append_param (location, "state", state);
  _sandbox_reply_redirect (req, location->str);
}

static const char page_style[] =
  "<style>\n"
  "body { font-family: sans-serif; background: #f4f1ea; color: #2e2a24; margin: 0; }\n"
  "main { max-width: 34em; margin: 2em auto; background: #fff; padding: 1.5em 2em;\n"
  "       border: 3px dashed #b5651d; border-radius: 8px; }\n"
  ".banner { background: #b5651d; color: #fff; padding: 0.6em 1em; border-radius: 4px;\n"
  "          font-weight: bold; }\n"
  "button { font-size: 1em; padding: 0.5em 1.5em; margin-right: 1em; }\n"
  "#approve { background: #2f6f3e; color: #fff; border: none; border-radius: 4px; }\n"
  "#deny { background: #eee; border: 1px solid #999; border-radius: 4px; }\n"
  "</style>\n";

static const char page_tail[] =
  "</main>\n"
  "</body>\n"
  "</html>\n";

/* Every page says plainly that this is the sandbox (or the app's demo): it must never
 * pass for Alpaca's. */
static GString *
page_new (PaddockSandbox *sandbox,
          const char     *title)
{
  gboolean demo = _sandbox_get_app_demo (sandbox);

  GString *html = g_string_new (NULL);

  g_string_append (html,
                   "<!DOCTYPE html>\n"
                   "<html lang=\"en\">\n"
                   "<head>\n"
                   "<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>");
  g_string_append (html, title);
  g_string_append (html, demo ? " — Paddock demo</title>\n" : " — Paddock sandbox</title>\n");
  g_string_append (html, page_style);
  g_string_append (html,
                   "</head>\n"
                   "<body>\n"
                   "<main>\n");
  if (demo)
    g_string_append (html,
                     "<p class=\"banner\" id=\"sandbox-banner\">Paddock demo — a simulated "
                     "brokerage on this computer, not Alpaca. No real money or real accounts "
                     "are involved.</p>\n");
  else
    g_string_append (html,
                     "<p class=\"banner\" id=\"sandbox-banner\">Paddock sandbox — a simulated "
                     "brokerage for testing, not Alpaca. No real money or real accounts are "
                     "involved.</p>\n");
  return html;
}

/* An error page shown instead of a redirect: the redirect URI cannot be trusted. */
static void
reply_error_page (SandboxRequest *req,
                  const char     *what)
{
  g_autoptr (GString) html = page_new (req->sandbox, "Sign-in error");
  g_autofree char *escaped = g_markup_escape_text (what, -1);

  g_string_append (html, "<h1>This sign-in request cannot be completed</h1>\n");
  g_string_append_printf (html, "<p id=\"error\">%s</p>\n", escaped);
  g_string_append (html, "<p>Go back to the application and try again. You have not been "
                         "sent back to it because the request could not be trusted.</p>\n");
  g_string_append (html, page_tail);
  _sandbox_reply_html (req, 400, html->str);
}

static void
reply_consent_page (SandboxRequest *req,
                    OAuthClient    *client,
                    OAuthPending   *pending,
                    const char     *pending_id)
{
  g_autoptr (GString) html = page_new (req->sandbox, "Authorize an application");
  g_autofree char *name = g_markup_escape_text (client->name, -1);
  g_autofree char *redirect = g_markup_escape_text (pending->redirect_uri, -1);
  g_autofree char *id = g_markup_escape_text (pending_id, -1);
  /* the app's demo signs in to the paper account, which the app calls "Demo" */
  gboolean demo = _sandbox_get_app_demo (req->sandbox) && pending->env != SANDBOX_ENV_LIVE;

  g_string_append_printf (html, "<h1>Allow <strong id=\"client-name\">%s</strong> to use your "
                                "%s account?</h1>\n", name, demo ? "demo" : "sandbox");
  g_string_append_printf (html, "<p>Environment: <strong id=\"environment\">%s</strong></p>\n",
                          demo ? "Demo (simulated money on this computer)"
                          : pending->env == SANDBOX_ENV_LIVE
                            ? "Live (the sandbox’s simulated live account)"
                            : "Paper (simulated money)");
  g_string_append (html, "<p>It will be able to:</p>\n<ul id=\"scopes\">\n");
  g_string_append (html, "<li>Read your account, positions, orders and watchlists "
                         "(read-only access)</li>\n");
  for (guint i = 0; i < G_N_ELEMENTS (scope_names); i++)
    if (pending->scopes & scope_names[i].bit)
      g_string_append_printf (html, "<li>%s</li>\n", scope_names[i].words);
  g_string_append (html, "</ul>\n");
  g_string_append_printf (html, "<p>You will then be sent back to <code>%s</code>.</p>\n",
                          redirect);
  g_string_append_printf (html,
                          "<form method=\"post\" action=\"/oauth/authorize\">\n"
                          "<input type=\"hidden\" name=\"request_id\" value=\"%s\">\n"
                          "<button id=\"approve\" name=\"decision\" value=\"approve\" "
                          "type=\"submit\">Approve</button>\n"
                          "<button id=\"deny\" name=\"decision\" value=\"deny\" "
                          "type=\"submit\">Deny</button>\n"
                          "</form>\n",
                          id);
  g_string_append (html, page_tail);
  _sandbox_reply_html (req, 200, html->str);
}

/* GET /oauth/authorize */
static void
authorize_get (SandboxRequest *req)
{
  OAuthState *state = get_state (req->sandbox);
  const char *client_id = _sandbox_query (req, "client_id");
  const char *redirect_uri = _sandbox_query (req, "redirect_uri");
  const char *response_type = _sandbox_query (req, "response_type");
  const char *oauth_state = _sandbox_query (req, "state");
  const char *env = _sandbox_query (req, "env");
  const char *challenge = _sandbox_query (req, "code_challenge");
  const char *method = _sandbox_query (req, "code_challenge_method");
  OAuthClient *client;
  OAuthPending *pending;
  guint scopes = 0;
  char *pending_id;

  if (client_id == NULL || *client_id == '\0')
    {
      reply_error_page (req, "The request names no application (client_id is missing).");
      return;
    }
  client = lookup_client (req->sandbox, client_id);
  if (client == NULL)
    {
      g_autofree char *what = g_strdup_printf ("No application is registered with the "
                                               "client_id “%s”.", client_id);

      reply_error_page (req, what);
      return;
    }
  if (redirect_uri == NULL || *redirect_uri == '\0')
    {
      reply_error_page (req, "The request has no redirect_uri.");
      return;
    }
  if (!client_has_redirect (client, redirect_uri))
    {
      g_autofree char *what = g_strdup_printf ("The redirect_uri “%s” is not registered for "
                                               "the application “%s”.",
                                               redirect_uri, client->name);

      reply_error_page (req, what);
      return;
    }

  /* from here on the client can be told through its redirect URI (RFC 6749 §4.1.2.1) */
  if (response_type == NULL || *response_type == '\0')
    {
      redirect_error (req, redirect_uri, oauth_state, "invalid_request",
                      "response_type is missing");
      return;
    }
  if (!g_str_equal (response_type, "code"))
    {
      redirect_error (req, redirect_uri, oauth_state, "unsupported_response_type",
                      "only response_type=code is supported");
      return;
    }
  if (!parse_scope (_sandbox_query (req, "scope"), &scopes))
    {
      redirect_error (req, redirect_uri, oauth_state, "invalid_scope",
                      "scope must be a space-separated subset of account:write, trading, data");
      return;
    }
  if (env != NULL && !g_str_equal (env, "paper") && !g_str_equal (env, "live"))
    {
      redirect_error (req, redirect_uri, oauth_state, "invalid_request",
                      "env must be paper or live");
      return;
    }
  if (challenge == NULL && method != NULL)
    {
      redirect_error (req, redirect_uri, oauth_state, "invalid_request",
                      "code_challenge_method without code_challenge");
      return;
    }
  if (challenge != NULL)
    {
      /* a missing method means "plain" (RFC 7636 §4.3), which is refused */
      if (g_strcmp0 (method, "S256") != 0)
        {
          redirect_error (req, redirect_uri, oauth_state, "invalid_request",
                          "code_challenge_method must be S256");
          return;
        }
      /* an S256 challenge is the base64url of 32 bytes: always 43 characters */
      if (!is_base64url (challenge, 43, 43, FALSE))
        {
          redirect_error (req, redirect_uri, oauth_state, "invalid_request",
                          "code_challenge is not a base64url SHA-256 digest");
          return;
        }
    }

  prune (state);

  pending = g_new0 (OAuthPending, 1);
  pending->client_id = g_strdup (client->id);
  pending->redirect_uri = g_strdup (redirect_uri);
  pending->state = g_strdup (oauth_state);
  pending->scopes = scopes;
  pending->env = g_strcmp0 (env, "live") == 0 ? SANDBOX_ENV_LIVE : SANDBOX_ENV_PAPER;
  pending->code_challenge = g_strdup (challenge);
  pending->created_at = g_get_real_time ();
  pending_id = _sandbox_random_token (24);
  g_hash_table_insert (state->pending, pending_id, pending);

  reply_consent_page (req, client, pending, pending_id);
}

/* POST /oauth/authorize: the consent page's form */
static void
authorize_post (SandboxRequest *req)
{
  OAuthState *state = get_state (req->sandbox);
  g_autoptr (GHashTable) form = _sandbox_request_form (req);
  g_autoptr (GString) location = NULL;
  const char *pending_id;
  const char *decision;
  OAuthPending *pending;
  OAuthCode *code;
  char *code_value;

  if (form == NULL)
    {
      reply_error_page (req, "The form could not be read.");
      return;
    }

  pending_id = g_hash_table_lookup (form, "request_id");
  decision = g_hash_table_lookup (form, "decision");
  pending = pending_id ? g_hash_table_lookup (state->pending, pending_id) : NULL;
  if (pending != NULL && is_expired (pending->created_at))
    {
      g_hash_table_remove (state->pending, pending_id);
      pending = NULL;
    }
  if (pending == NULL)
    {
      reply_error_page (req, "This sign-in request is unknown, has expired or has already "
                             "been answered.");
      return;
    }
  if (g_strcmp0 (decision, "approve") != 0 && g_strcmp0 (decision, "deny") != 0)
    {
      reply_error_page (req, "Choose Approve or Deny.");
      return;
    }

  /* the request is answered once, whatever the answer */
  {
    gpointer stored_key = NULL;

    if (g_hash_table_steal_extended (state->pending, pending_id, &stored_key, NULL))
      g_free (stored_key);
  }

  if (g_str_equal (decision, "deny"))
    {
      redirect_error (req, pending->redirect_uri, pending->state, "access_denied",
                      "the user denied the request");
      oauth_pending_free (pending);
      return;
    }

  code = g_new0 (OAuthCode, 1);
  code->client_id = g_steal_pointer (&pending->client_id);
  code->redirect_uri = g_strdup (pending->redirect_uri);
  code->scopes = pending->scopes;
  code->env = pending->env;
  code->code_challenge = g_steal_pointer (&pending->code_challenge);
  code->issued_at = g_get_real_time ();
  code->access_tokens = g_ptr_array_new_with_free_func (g_free);
  code_value = _sandbox_new_uuid ();
  g_hash_table_insert (state->codes, code_value, code);

  location = g_string_new (pending->redirect_uri);
  append_param (location, "code", code_value);
  if (pending->state != NULL)
    append_param (location, "state", pending->state);
  _sandbox_reply_redirect (req, location->str);
  oauth_pending_free (pending);
}

/* The RFC 6749 §5.2 error body */
static void
reply_token_error (SandboxRequest *req,
                   guint           status,
                   const char     *error,
                   const char     *description)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, error);
  json_builder_set_member_name (b, "error_description");
  json_builder_add_string_value (b, description);
  json_builder_end_object (b);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Pragma", "no-cache");
  _sandbox_reply_builder (req, status, b);
}

static const char *
form_field (GHashTable *form,
            const char *name)
{
  const char *value = g_hash_table_lookup (form, name);

  return value != NULL && *value != '\0' ? value : NULL;
}

static void
revoke_issued (PaddockSandbox *self,
               OAuthCode      *code)
{
  for (guint i = 0; i < code->access_tokens->len; i++)
    {
      SandboxToken *token = _sandbox_lookup_token (self, code->access_tokens->pdata[i]);

      if (token != NULL)
        token->revoked = TRUE;
    }
}

/* POST /live/oauth/token */
static void
token_post (SandboxRequest *req)
{
  OAuthState *state = get_state (req->sandbox);
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonBuilder) b = NULL;
  g_autofree char *scope = NULL;
  const char *required[] = { "code", "client_id", "client_secret", "redirect_uri" };
  const char *grant_type;
  const char *code_value;
  const char *verifier;
  OAuthClient *client;
  OAuthCode *code;
  SandboxToken *token;

  if (req->base != SANDBOX_BASE_LIVE)
    {
      _sandbox_reply_error (req, 404, 40410000, "endpoint not found");
      return;
    }

  form = _sandbox_request_form (req);
  if (form == NULL)
    {
      reply_token_error (req, 400, "invalid_request",
                         "the body must be application/x-www-form-urlencoded");
      return;
    }

  grant_type = form_field (form, "grant_type");
  if (grant_type == NULL)
    {
      reply_token_error (req, 400, "invalid_request", "grant_type is missing");
      return;
    }
  if (!g_str_equal (grant_type, "authorization_code"))
    {
      reply_token_error (req, 400, "unsupported_grant_type",
                         "only grant_type=authorization_code is supported");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (form_field (form, required[i]) == NULL)
      {
        g_autofree char *description = g_strdup_printf ("%s is missing", required[i]);

        reply_token_error (req, 400, "invalid_request", description);
        return;
      }

  client = lookup_client (req->sandbox, form_field (form, "client_id"));
  if (client == NULL || !_sandbox_const_equal (client->secret, form_field (form, "client_secret")))
    {
      reply_token_error (req, 401, "invalid_client", "unknown client or wrong client secret");
      return;
    }

  code_value = form_field (form, "code");
  code = g_hash_table_lookup (state->codes, code_value);
  if (code == NULL)
    {
      reply_token_error (req, 400, "invalid_grant", "unknown authorization code");
      return;
    }
  if (code->used)
    {
      /* RFC 6749 §4.1.2: a code presented twice may have been stolen */
      revoke_issued (req->sandbox, code);
      reply_token_error (req, 400, "invalid_grant",
                         "the authorization code was already used; its tokens are revoked");
      return;
    }
  if (is_expired (code->issued_at))
    {
      g_hash_table_remove (state->codes, code_value);
      reply_token_error (req, 400, "invalid_grant", "the authorization code has expired");
      return;
    }
  if (!g_str_equal (code->client_id, client->id))
    {
      reply_token_error (req, 400, "invalid_grant",
                         "the authorization code was issued to another client");
      return;
    }
  if (!g_str_equal (code->redirect_uri, form_field (form, "redirect_uri")))
    {
      reply_token_error (req, 400, "invalid_grant",
                         "redirect_uri differs from the one of the authorization request");
      return;
    }

  verifier = form_field (form, "code_verifier");
  if (code->code_challenge != NULL)
    {
      g_autofree char *computed = NULL;

      if (verifier == NULL)
        {
          reply_token_error (req, 400, "invalid_grant", "code_verifier is missing");
          return;
        }
      if (!is_base64url (verifier, 43, 128, TRUE))
        {
          reply_token_error (req, 400, "invalid_grant",
                             "code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~");
          return;
        }
      computed = s256_challenge (verifier);
      if (!_sandbox_const_equal (computed, code->code_challenge))
        {
          reply_token_error (req, 400, "invalid_grant",
                             "code_verifier does not match the code_challenge");
          return;
        }
    }
  else if (verifier != NULL)
    {
      /* accepting it would let a downgrade to no PKCE go unnoticed */
      reply_token_error (req, 400, "invalid_grant",
                         "code_verifier sent but the authorization request had no "
                         "code_challenge");
      return;
    }

  code->used = TRUE;
  token = _sandbox_issue_token (req->sandbox, client->id, code->scopes, code->env);
  g_ptr_array_add (code->access_tokens, g_strdup (token->access_token));
  scope = scope_to_string (token->scopes);

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "access_token");
  json_builder_add_string_value (b, token->access_token);
  json_builder_set_member_name (b, "token_type");
  json_builder_add_string_value (b, "bearer");
  json_builder_set_member_name (b, "scope");
  json_builder_add_string_value (b, scope);
  json_builder_end_object (b);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Pragma", "no-cache");
  _sandbox_reply_builder (req, 200, b);
}

/* GET /live/oauth/token: the legacy introspection */
static void
token_introspect (SandboxRequest *req)
{
  g_autoptr (JsonBuilder) b = NULL;
  g_autofree char *scope = NULL;
  SandboxToken *token = NULL;
  OAuthClient *client;

  if (req->base != SANDBOX_BASE_LIVE)
    {
      _sandbox_reply_error (req, 404, 40410000, "endpoint not found");
      return;
    }

  token = _sandbox_lookup_token (req->sandbox, _sandbox_request_bearer (req));
  if (token == NULL || token->revoked)
    {
      _sandbox_reply_error (req, 401, 40110000, "request is not authorized");
      return;
    }

  client = lookup_client (req->sandbox, token->client_id);
  scope = scope_to_string (token->scopes);

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "active");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "aud");
  json_builder_add_string_value (b, client ? client->name : token->client_id);
  json_builder_set_member_name (b, "client_id");
  json_builder_add_string_value (b, token->client_id);
  json_builder_set_member_name (b, "iat");
  json_builder_add_int_value (b, token->issued_at);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, token->key_id);
  json_builder_set_member_name (b, "owner_id");
  json_builder_add_string_value (b, DEMO_OWNER_ID);
  json_builder_set_member_name (b, "scope");
  json_builder_add_string_value (b, scope);
  json_builder_set_member_name (b, "token_type");
  json_builder_add_string_value (b, "Bearer");
  json_builder_end_object (b);
  _sandbox_reply_builder (req, 200, b);
}

void
_sandbox_oauth_init (PaddockSandbox *self)
{
  OAuthState *state = g_new0 (OAuthState, 1);
  OAuthClient *demo = g_new0 (OAuthClient, 1);
  guint n_ports = 0;

  state->clients = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) oauth_client_free);
  state->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) oauth_pending_free);
  state->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) oauth_code_free);

  /* the ports of Paddock's default redirect-ports list */
  demo->redirect_uris = g_new0 (char *, 5 + 1);
  for (guint port = 48721; port <= 48725; port++)
    demo->redirect_uris[n_ports++] = g_strdup_printf ("http://127.0.0.1:%u/callback", port);
  demo->id = g_strdup (SANDBOX_DEMO_CLIENT_ID);
  demo->name = g_strdup ("Paddock Demo");
  demo->secret = _sandbox_random_token (24);
  g_hash_table_insert (state->clients, demo->id, demo);

  _sandbox_set_module (self, SANDBOX_MODULE_OAUTH, state, (GDestroyNotify) oauth_state_free);
}

const char *
_sandbox_oauth_get_demo_secret (PaddockSandbox *self)
{
  OAuthClient *demo = lookup_client (self, SANDBOX_DEMO_CLIENT_ID);

  return demo ? demo->secret : NULL;
}

void
_sandbox_oauth_age_codes (PaddockSandbox *self,
                          gint64          seconds)
{
  OAuthState *state = get_state (self);
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (state != NULL);

  g_hash_table_iter_init (&iter, state->pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((OAuthPending *) value)->created_at -= seconds * G_USEC_PER_SEC;

  g_hash_table_iter_init (&iter, state->codes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((OAuthCode *) value)->issued_at -= seconds * G_USEC_PER_SEC;
}

void
_sandbox_oauth_add_client (PaddockSandbox     *self,
                           const char         *client_id,
                           const char         *name,
                           const char         *secret,
                           const char * const *redirect_uris)
{
  OAuthState *state = get_state (self);
  OAuthClient *client;

  g_return_if_fail (state != NULL);
  g_return_if_fail (client_id != NULL && name != NULL && secret != NULL);

  client = g_new0 (OAuthClient, 1);
  client->id = g_strdup (client_id);
  client->name = g_strdup (name);
  client->secret = g_strdup (secret);
  client->redirect_uris = g_strdupv ((GStrv) redirect_uris);
  g_hash_table_replace (state->clients, client->id, client);
}

const SandboxRoute _sandbox_oauth_routes[] = {
  { "GET", SANDBOX_BASE_ROOT, "/oauth/authorize", SANDBOX_AUTH_NONE, authorize_get },
  { "POST", SANDBOX_BASE_ROOT, "/oauth/authorize", SANDBOX_AUTH_NONE, authorize_post },
  { "POST", SANDBOX_BASE_LIVE, "/oauth/token", SANDBOX_AUTH_NONE, token_post },
  { "GET", SANDBOX_BASE_LIVE, "/oauth/token", SANDBOX_AUTH_NONE, token_introspect },
  { NULL, 0, NULL, 0, NULL }
};
