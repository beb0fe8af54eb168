/* paddock-loopback-receiver.h: the loopback redirect listener of the OAuth flow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * PADDOCK_LOOPBACK_DEFAULT_FIRST_PORT:
 *
 * The first of the default redirect ports (48721–48725).
 */
#define PADDOCK_LOOPBACK_DEFAULT_FIRST_PORT 48721

/**
 * PADDOCK_LOOPBACK_DEFAULT_N_PORTS:
 *
 * How many default redirect ports there are.
 */
#define PADDOCK_LOOPBACK_DEFAULT_N_PORTS 5

/**
 * PADDOCK_LOOPBACK_DEFAULT_TIMEOUT_MS:
 *
 * How long the receiver waits for the browser: five minutes.
 */
#define PADDOCK_LOOPBACK_DEFAULT_TIMEOUT_MS (5 * 60 * 1000)

/**
 * PADDOCK_LOOPBACK_DEFAULT_IDLE_TIMEOUT_MS:
 *
 * How long one connection may take to send its request, and how long it may
 * linger after its answer, before it is dropped: five seconds.
 */
#define PADDOCK_LOOPBACK_DEFAULT_IDLE_TIMEOUT_MS (5 * 1000)

/**
 * PADDOCK_LOOPBACK_MAX_CONNECTIONS:
 *
 * How many connections the receiver holds at once; a new one beyond that
 * drops the oldest.
 */
#define PADDOCK_LOOPBACK_MAX_CONNECTIONS 32

/**
 * PADDOCK_LOOPBACK_MAX_HEADER_BYTES:
 *
 * The longest request head (request line and headers) the receiver reads.
 */
#define PADDOCK_LOOPBACK_MAX_HEADER_BYTES (8 * 1024)

#define PADDOCK_TYPE_LOOPBACK_RECEIVER (paddock_loopback_receiver_get_type ())
G_DECLARE_FINAL_TYPE (PaddockLoopbackReceiver, paddock_loopback_receiver,
                      PADDOCK, LOOPBACK_RECEIVER, GObject)

PaddockLoopbackReceiver *paddock_loopback_receiver_new              (const guint16            *ports,
                                                                     gsize                     n_ports);
guint16                  paddock_loopback_receiver_start            (PaddockLoopbackReceiver  *self,
                                                                     GError                  **error);
void                     paddock_loopback_receiver_close            (PaddockLoopbackReceiver  *self);
guint16                  paddock_loopback_receiver_get_port         (PaddockLoopbackReceiver  *self);
const char              *paddock_loopback_receiver_get_redirect_uri (PaddockLoopbackReceiver  *self);
guint                    paddock_loopback_receiver_get_timeout      (PaddockLoopbackReceiver  *self);
void                     paddock_loopback_receiver_set_timeout      (PaddockLoopbackReceiver  *self,
                                                                     guint                     timeout_ms);
guint                    paddock_loopback_receiver_get_idle_timeout (PaddockLoopbackReceiver  *self);
void                     paddock_loopback_receiver_set_idle_timeout (PaddockLoopbackReceiver  *self,
                                                                     guint                     timeout_ms);
const char              *paddock_loopback_receiver_get_start_uri    (PaddockLoopbackReceiver  *self);
void                     paddock_loopback_receiver_set_start_target (PaddockLoopbackReceiver  *self,
                                                                     const char               *url);
void                     paddock_loopback_receiver_wait_async       (PaddockLoopbackReceiver  *self,
                                                                     const char               *expected_state,
                                                                     GCancellable             *cancellable,
                                                                     GAsyncReadyCallback       callback,
                                                                     gpointer                  user_data);
char                    *paddock_loopback_receiver_wait_finish      (PaddockLoopbackReceiver  *self,
                                                                     GAsyncResult             *result,
                                                                     GError                  **error);

gboolean                 paddock_raise_fd_limit                     (void);

G_END_DECLS
