#!/usr/bin/env node
// Drives a real headless Chromium through the sandbox's consent page, like a person would:
//   node consent.js URL approve|deny [--screenshot FILE] [--log FILE] [--record FILE] [--no-follow]
// It opens URL (the address the app or CLI opened: its loopback start address, which
// redirects to the authorize address; or the authorize address itself), clicks Approve or
// Deny and waits until the browser has been redirected and the redirect target (the app's
// loopback receiver) has answered. It prints nothing secret: no code, no state.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

function log(file, line) {
  if (file) fs.appendFileSync(file, `${new Date().toISOString()} ${line}\n`);
}

async function main() {
  const args = process.argv.slice(2);
  const url = args[0];
  const decision = args[1] || 'approve';
  const shotIndex = args.indexOf('--screenshot');
  const logIndex = args.indexOf('--log');
  const recordIndex = args.indexOf('--record');
  const record = recordIndex > 0 ? args[recordIndex + 1] : null;
  // --no-follow: a browser on another machine, whose redirect cannot reach this one
  const noFollow = args.includes('--no-follow');
  const shot = shotIndex > 0 ? args[shotIndex + 1] : null;
  const logFile = logIndex > 0 ? args[logIndex + 1] : process.env.PADDOCK_BROWSER_LOG;
  if (!url || !['approve', 'deny'].includes(decision)) {
    console.error('usage: consent.js URL approve|deny [--screenshot FILE] [--log FILE] [--record FILE] [--no-follow]');
    process.exit(2);
  }

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'paddock-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.PADDOCK_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    env: { ...process.env, HOME: profile },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run',
           '--disable-quic', '--disable-dev-shm-usage'],
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    // the address the app or CLI opened (its start address: no state, no challenge)
    log(logFile, `opening ${new URL(url).origin}${new URL(url).pathname}`);
    if (record) fs.appendFileSync(`${record}.opened`, url + '\n', { mode: 0o600 });
    await page.goto(url, { waitUntil: 'load', timeout: 30000 });
    // where it led (the start address redirects there)
    log(logFile, `opening the authorize page of ${new URL(page.url()).origin}`);
    // for the tests' leak checks (the PKCE challenge): kept in a file, never printed
    if (record) fs.appendFileSync(`${record}.authorize`, page.url() + '\n', { mode: 0o600 });
    await page.waitForSelector(`#${decision}`, { timeout: 15000 });
    if (shot) await page.screenshot({ path: shot, fullPage: true });
    const origin = new URL(page.url()).origin;
    log(logFile, `clicking ${decision}`);
    if (noFollow) {
      let resolveUrl;
      const redirected = new Promise((resolve) => { resolveUrl = resolve; });
      await page.route((u) => u.pathname === '/callback', async (route) => {
        resolveUrl(route.request().url());
        await route.abort();
      });
      await page.click(`#${decision}`);
      const url = await Promise.race([redirected,
        new Promise((_, reject) => setTimeout(() => reject(new Error('no redirect')), 30000))]);
      if (record) fs.appendFileSync(record, url + '\n', { mode: 0o600 });
      log(logFile, 'redirect intercepted (not followed)');
      console.log(`browser: ${decision} done`);
      return;
    }
    await Promise.all([
      page.waitForURL((u) => u.origin !== origin, { timeout: 30000, waitUntil: 'load' }),
      page.click(`#${decision}`),
    ]);
    // for the tests that check no output leaks the code: kept in a file, never printed
    if (record) fs.appendFileSync(record, page.url() + '\n', { mode: 0o600 });
    const title = await page.title();
    log(logFile, `redirected; result page title: ${title}`);
    console.log(`browser: ${decision} done`);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  // the error text may hold the URL: keep it out of the output, keep the kind
  console.error(`browser: failed: ${e.name}`);
  log(process.env.PADDOCK_BROWSER_LOG, `failed: ${e.name}`);
  process.exit(1);
});
