// peer.js SDK TASK PAPER_URL: the peer of build-aux/bench-peer.sh, Alpaca's official
// JavaScript SDK (@alpacahq/alpaca-trade-api) doing what paddock-cli does in the same run.
// The OAuth access token is read from standard input (never from the command line).
//
//   SDK   4   the pinned 4.x (Node >= 20): `accessToken`, a `fetchApi` that sends the SDK's
//             requests to PAPER_URL (the SDK has no base URL option), the facade's defaults
//         3   the pinned 3.1.3 (any Node, Debian 12's 18 included): `oauth` and `baseUrl`
//   TASK  account   fetch the account, print its JSON         (paddock-cli account --json)
//         orders    page every order, 500 at a time, newest first, with `until` and what
//                   else the SDK's getOrders allows; print them as one JSON array
//                                                             (paddock-cli orders --all --json)
//         stream    print every trade update as a line of JSON until SIGTERM
//                                                             (paddock-cli stream)
//
// The stream: neither SDK can open the trade-updates stream with an OAuth token. 4.x's
// stream constructor throws without a key id and secret, and 3.1.3's sends
// {"key_id":"","secret_key":""} as its authenticate message; Alpaca's protocol takes
// {"oauth_token": …} there. So the stream task first shows what the SDK does as shipped
// (on standard error), then runs the SDK's own stream client with only its authenticate
// message replaced by the OAuth form: everything else (socket, decoding, dispatch) is the
// SDK's. "live" goes to standard error once the subscription is confirmed.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const fs = require('fs');

const [sdk, task, base] = process.argv.slice(2);
const token = fs.readFileSync(0, 'utf8').trim();
const PAGE = 500;

function write(text) {
  // process.stdout is synchronous for files and pipes on Linux
  process.stdout.write(text);
}

function shipped(what) {
  process.stderr.write('as shipped: ' + what + '\n');
}

async function sdk4() {
  const { Alpaca, streaming } = require('@alpacahq/alpaca-trade-api');
  // the SDK builds https://paper-api.alpaca.markets/…; send the same path and query here
  const fetchApi = (input, init) => {
    const u = new URL(typeof input === 'string' || input instanceof URL ? String(input) : input.url);
    return fetch(base + u.pathname + u.search, init);
  };
  const alpaca = new Alpaca({ accessToken: token, fetchApi, paper: true });

  if (task === 'account') {
    write(JSON.stringify(await alpaca.trading.account.getAccount()) + '\n');
  } else if (task === 'orders') {
    const all = [];
    const seen = new Set();
    const query = { status: 'all', limit: PAGE, direction: 'desc', nested: true };
    for (;;) {
      const page = await alpaca.trading.orders.getAllOrders(query);
      for (const o of page) {
        if (!seen.has(o.id)) {
          seen.add(o.id);
          all.push(o);
        }
      }
      if (page.length < PAGE)
        break;
      // the SDK's Order holds submittedAt as a Date (milliseconds): until one ms past the
      // oldest order paged, and before_order_id, which the SDK also takes, as the exact cursor
      const last = page[page.length - 1];
      query.beforeOrderId = last.id;
      query.until = new Date(last.submittedAt.getTime() + 1).toISOString();
    }
    write(JSON.stringify(all) + '\n');
  } else if (task === 'stream') {
    try {
      alpaca.trading.stream({ url: base.replace(/^http/, 'ws') + '/stream' });
      shipped('alpaca.trading.stream() accepted an OAuth-only client');
    } catch (e) {
      shipped('alpaca.trading.stream() with an OAuth token: ' + e.message);
    }
    class OAuthTradingStream extends streaming.TradingStream {
      sendAuth() {
        this.send({ action: 'authenticate', data: { oauth_token: token } });
      }
    }
    // the constructor insists on a key pair; sendAuth above never sends it
    const s = new OAuthTradingStream({ credentials: { keyId: 'unused', secret: 'unused' },
                                       url: base.replace(/^http/, 'ws') + '/stream' });
    s.onTradeUpdate((u) => write(JSON.stringify(u) + '\n'));
    s.on(streaming.EVENT.SUBSCRIPTION, () => process.stderr.write('live\n'));
    s.onConnect(() => s.subscribeTradeUpdates());
    process.on('SIGTERM', () => { s.disconnect(); process.exit(0); });
    s.connect();
  }
}

async function sdk3() {
  const Alpaca = require('alpaca-trade-api-3');
  const alpaca = new Alpaca({ oauth: token, baseUrl: base, paper: true });

  if (task === 'account') {
    write(JSON.stringify(await alpaca.getAccount()) + '\n');
  } else if (task === 'orders') {
    // 3.1.3's getOrders takes status, until, after, limit, direction, nested and symbols:
    // no order id cursor. until is exclusive and orders may share a submission time, so
    // page with until one microsecond past the oldest order paged (its text as the server
    // sent it) and drop the overlap by id; a page with nothing new moves until to the time
    // itself
    const all = [];
    const seen = new Set();
    const query = { status: 'all', limit: PAGE, direction: 'desc', nested: true };
    for (;;) {
      const page = await alpaca.getOrders(query);
      let fresh = 0;
      for (const o of page) {
        if (!seen.has(o.id)) {
          seen.add(o.id);
          all.push(o);
          fresh++;
        }
      }
      if (page.length < PAGE)
        break;
      const t = page[page.length - 1].submitted_at;
      query.until = fresh > 0 ? plusMicrosecond(t) : t;
    }
    write(JSON.stringify(all) + '\n');
  } else if (task === 'stream') {
    const ws = alpaca.trade_ws;
    if (ws.session.apiKey === '' && ws.session.oauth !== '')
      shipped('trade_ws authenticates with {"key_id":"","secret_key":""}: it never sends the ' +
              'OAuth token');
    ws.authenticate = function () {
      this.emit(ws.STATE.AUTHENTICATING);
      this.send(JSON.stringify({ action: 'authenticate', data: { oauth_token: token } }));
    };
    ws.onConnect(() => {
      ws.subscribe(['trade_updates']);
      process.stderr.write('live\n');
    });
    ws.onOrderUpdate((u) => write(JSON.stringify(u) + '\n'));
    process.on('SIGTERM', () => { ws.disconnect(); process.exit(0); });
    ws.connect();
  }
}

// "2026-11-29T10:00:00.123456Z" plus one microsecond
function plusMicrosecond(text) {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  if (!m)
    throw new Error('unexpected time ' + text);
  const us = Number((m[2] || '').padEnd(6, '0').slice(0, 6)) + 1;
  if (us === 1000000) {
    const d = new Date(new Date(m[1] + m[3]).getTime() + 1000);
    return d.toISOString().slice(0, 19) + '.000000Z';
  }
  return m[1] + '.' + String(us).padStart(6, '0') + m[3];
}

(sdk === '3' ? sdk3 : sdk4)().catch((e) => {
  process.stderr.write('peer: ' + (e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
