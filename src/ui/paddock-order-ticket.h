/* paddock-order-ticket.h: the order ticket, a modal window to place one order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket checks the order on every change through PaddockOrderRequest (the field it
 * names gets the `error` style, its message shows under the form, Review Order stays
 * insensitive until the order is valid), looks the symbol up as it is typed (debounced,
 * cancelled by the next keystroke: name, exchange, tradable / fractionable / shortable and
 * the last trade's price) and sums the order up: its estimated cost (quantity × limit,
 * stop or last price, or the dollar amount) against the account's buying power.
 *
 * Review Order (or Enter in any text field of a valid form) opens a confirmation that
 * repeats the whole order; for the Live environment it is a distinct, destructive one
 * that says real money is used. When the order's value is above the precaution's dollar
 * amount, or a limit or stop price is more than its percentage away from the last price,
 * a second dialog asks again (paddock_order_ticket_set_precaution(); 0 turns a check
 * off). Then the order is sent once (paddock-trading.h): a spinner shows and the form
 * cannot change; success emits ::placed and closes the ticket; the broker's refusal is
 * shown at the top of the ticket as the broker wrote it, with everything typed kept; an
 * unknown outcome says to check the Orders page.
 *
 * Keys (what an end-to-end test can rely on):
 *
 * - Opening the ticket puts the focus in the Symbol field.
 * - Tab moves forward, Shift+Tab back, through the controls that are shown, in this order
 *   (the widget names, as in the test hooks' "focus"):
 *     ticket-symbol        Symbol (text)
 *     ticket-buy           Buy (toggle; Space or Enter chooses it)
 *     ticket-sell          Sell (toggle)
 *     ticket-type          Type (list: Market, Limit, Stop, Stop Limit, Trailing Stop;
 *                          Space or Enter opens it, arrows choose, Enter takes)
 *     ticket-amount-kind   Order In (list: Shares, Dollars)
 *     ticket-qty           Shares (text; shown for Shares)
 *     ticket-notional      Dollars (text; shown for Dollars instead of Shares)
 *     ticket-limit         Limit Price (text; Limit and Stop Limit)
 *     ticket-stop          Stop Price (text; Stop and Stop Limit)
 *     ticket-trail-kind    Trail In (list: Dollars, Percent; Trailing Stop)
 *     ticket-trail         Trail (text; Trailing Stop)
 *     ticket-tif           Time in Force (list: Day, Good Till Canceled, At the Open,
 *                          At the Close, Immediate or Cancel, Fill or Kill)
 *     ticket-advanced      Advanced (expander; Space or Enter opens it); when open:
 *     ticket-extended        Extended Hours (switch row; Space toggles)
 *     ticket-class           Order Class (list: Simple, Bracket, One Cancels Other,
 *                            One Triggers Other)
 *     ticket-take-profit     Take-Profit Limit Price (text; Bracket, OCO, OTO)
 *     ticket-stop-loss       Stop-Loss Stop Price (text; Bracket, OCO, OTO)
 *     ticket-stop-loss-limit Stop-Loss Limit Price (text; Bracket, OCO, OTO)
 *     ticket-cancel        Cancel (header bar)
 *     ticket-review        Review Order (header bar; only while the order is valid)
 *   After the last one Tab goes back to Symbol (Shift+Tab from Symbol to the last one).
 *   Rows that are hidden, and Review Order while the order is not valid, are skipped.
 *   tests/test-ui-ticket.c walks this order through GtkWidget::move-focus, the signal
 *   Tab and Shift+Tab are bound to, and checks it.
 * - Enter in any text field of a valid form opens the confirmation (as Review Order).
 * - In the confirmation, Enter places the order (its default response; for Live too),
 *   Escape goes back to the form. The precaution's dialog likewise.
 * - Escape in the form closes the ticket (not while an order is being sent).
 * - Ctrl+N (win.new-order, app.new-order) opens a ticket on the account shown.
 */
#pragma once

#include <adwaita.h>

#include "paddock-asset.h"
#include "paddock-order.h"
#include "paddock-order-request.h"
#include "paddock-session.h"

G_BEGIN_DECLS

/**
 * PaddockTicketConfirmation:
 * @PADDOCK_TICKET_CONFIRMATION_NONE: no dialog is showing
 * @PADDOCK_TICKET_CONFIRMATION_CONFIRM: the confirmation (Demo and Paper)
 * @PADDOCK_TICKET_CONFIRMATION_LIVE: the Live confirmation (real money)
 * @PADDOCK_TICKET_CONFIRMATION_PRECAUTION: the precaution asks again
 *
 * Which dialog over the ticket waits for an answer.
 */
typedef enum {
  PADDOCK_TICKET_CONFIRMATION_NONE,
  PADDOCK_TICKET_CONFIRMATION_CONFIRM,
  PADDOCK_TICKET_CONFIRMATION_LIVE,
  PADDOCK_TICKET_CONFIRMATION_PRECAUTION,
} PaddockTicketConfirmation;

#define PADDOCK_TYPE_ORDER_TICKET (paddock_order_ticket_get_type ())
G_DECLARE_FINAL_TYPE (PaddockOrderTicket, paddock_order_ticket, PADDOCK, ORDER_TICKET, AdwWindow)

PaddockOrderTicket        *paddock_order_ticket_new                (GtkWindow          *parent,
                                                                    PaddockSession     *session);
void                       paddock_order_ticket_prefill            (PaddockOrderTicket *self,
                                                                    const char         *symbol,
                                                                    PaddockOrderSide    side,
                                                                    const char         *qty);
void                       paddock_order_ticket_set_precaution     (PaddockOrderTicket *self,
                                                                    guint               value_above,
                                                                    guint               percent_away);

PaddockSession            *paddock_order_ticket_get_session        (PaddockOrderTicket *self);
PaddockEnvironment         paddock_order_ticket_get_environment    (PaddockOrderTicket *self);
const char                *paddock_order_ticket_get_symbol         (PaddockOrderTicket *self);
PaddockOrderSide           paddock_order_ticket_get_side           (PaddockOrderTicket *self);
gboolean                   paddock_order_ticket_is_valid           (PaddockOrderTicket *self);
PaddockOrderField          paddock_order_ticket_get_error_field    (PaddockOrderTicket *self);
const char                *paddock_order_ticket_get_error_message  (PaddockOrderTicket *self);
char                      *paddock_order_ticket_dup_summary        (PaddockOrderTicket *self);
const char                *paddock_order_ticket_get_estimate       (PaddockOrderTicket *self);
const char                *paddock_order_ticket_get_estimate_text  (PaddockOrderTicket *self);
gboolean                   paddock_order_ticket_is_over_buying_power (PaddockOrderTicket *self);
PaddockAsset              *paddock_order_ticket_get_asset          (PaddockOrderTicket *self);
const char                *paddock_order_ticket_get_last_price     (PaddockOrderTicket *self);
PaddockOrderRequest       *paddock_order_ticket_get_request        (PaddockOrderTicket *self);
PaddockTicketConfirmation  paddock_order_ticket_get_confirmation   (PaddockOrderTicket *self);
AdwMessageDialog          *paddock_order_ticket_get_dialog         (PaddockOrderTicket *self);
gboolean                   paddock_order_ticket_is_submitting      (PaddockOrderTicket *self);
const char                *paddock_order_ticket_get_broker_error   (PaddockOrderTicket *self);
const char                *paddock_order_ticket_get_focus_name     (PaddockOrderTicket *self);

G_END_DECLS
