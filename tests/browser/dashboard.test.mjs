#!/usr/bin/env node
// The dashboard of `stalkguard serve`, end to end in headless Chromium: the real binary on a
// fresh data folder, a protected person and a guardian, events ingested over the API while the
// page is open. Checks that a case appears without a reload, that its page has the timeline
// chart and the flagged excerpts, that the report downloads as a PDF, and that a guardian sees
// neither the whole messages nor the report. Saves screenshots as it goes.
//
//   node tests/browser/dashboard.test.mjs --binary build/release/apps/stalkguard/stalkguard \
//        [--screenshots build/browser-screenshots] [--chromium /usr/bin/chromium] [--keep]
//
// Exit status 0 when every check passed, 1 otherwise (the failed check is printed, with the
// server's log and a screenshot of the page). Installs its one npm dependency (playwright-core,
// tests/browser/package-lock.json) with `npm ci` when node_modules is missing.

import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

function argument(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const binary = path.resolve(
  argument(
    'binary',
    process.env.STALKGUARD_BINARY || path.join(repo, 'build/release/apps/stalkguard/stalkguard'),
  ),
);
const shots = path.resolve(argument('screenshots', path.join(repo, 'build/browser-screenshots')));
const chromiumPath = argument('chromium', process.env.CHROMIUM || '/usr/bin/chromium');
const keep = process.argv.includes('--keep');
const PASSWORD = 'kestrel-orchard-41-window';
const WAIT_MS = 60000;
let serverChild = null;

const checks = [];
function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
  checks.push(what);
  console.log(`ok ${checks.length} - ${what}`);
}

async function loadPlaywright() {
  const entry = path.join(here, 'node_modules', 'playwright-core', 'index.mjs');
  if (!fs.existsSync(entry)) {
    console.log('# installing playwright-core (npm ci --prefix tests/browser)');
    const npm = spawnSync('npm', ['ci', '--prefix', here, '--no-audit', '--no-fund'], {stdio: 'inherit'});
    if (npm.status !== 0) throw new Error('npm ci failed: playwright-core could not be installed');
  }
  return import(pathToFileURL(entry).href);
}

function run(args, input) {
  const r = spawnSync(binary, args, {input: input ?? '', encoding: 'utf8', cwd: repo});
  if (r.status !== 0) throw new Error(`stalkguard ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

// The server on a port the kernel picks; resolves with its base URL from the "listening" line.
function startServer(dataDir, logFile) {
  const log = fs.openSync(logFile, 'w');
  const child = spawn(binary, ['serve', '--data', dataDir, '--listen', '127.0.0.1:0'], {
    cwd: repo,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  serverChild = child;
  const ready = new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('the server did not say it was listening')), WAIT_MS);
    child.stderr.on('data', (chunk) => {
      fs.writeSync(log, chunk);
      buffer += chunk.toString('utf8');
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          const j = JSON.parse(line);
          if (j.msg === 'listening') {
            clearTimeout(timer);
            resolve(`http://${j.address}`);
          }
        } catch (ignored) {
          // Not a JSON line.
        }
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited early (${code})`));
    });
  });
  return {child, ready};
}

async function stopServer(child) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
  await exited;
  clearTimeout(timer);
}

// Jordan, from a number that is not in the profile: threats over five days, Sam says stop, more.
function jordanEvents() {
  const from = {id: '+447700900777', name: 'Jordan'};
  const sam = {id: '+447700900123', name: 'Sam'};
  const texts = [
    ['2024-03-01T21:10:00Z', from, 'hey, why are you ignoring me'],
    ['2024-03-01T22:40:00Z', from, 'answer me'],
    ['2024-03-02T08:05:00Z', sam, 'Please stop contacting me. I do not want to talk to you.'],
    ['2024-03-02T23:15:00Z', from, 'I know where you live'],
    ['2024-03-03T00:20:00Z', from, "you can't hide from me"],
    ['2024-03-03T07:45:00Z', from, 'I saw you at the bus stop on Mill Lane this morning'],
    ['2024-03-04T22:30:00Z', from, "you'll regret ignoring me"],
    ['2024-03-05T23:55:00Z', from, "I'm outside your house right now"],
  ];
  return texts.map(([time, sender, text], i) => ({
    id: `jordan-${i + 1}`,
    time,
    platform: 'sms',
    channel: 'sms',
    sender,
    recipient: sender === sam ? from : sam,
    text,
  }));
}

async function main() {
  if (!fs.existsSync(binary)) throw new Error(`no stalkguard binary at ${binary} (pass --binary)`);
  if (!fs.existsSync(chromiumPath))
    throw new Error(`no Chromium at ${chromiumPath} (scripts/install-deps.sh installs it)`);
  const {chromium} = await loadPlaywright();
  fs.mkdirSync(shots, {recursive: true});
  fs.rmSync(path.join(shots, 'failure.png'), {force: true});
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-dashboard-'));
  const dataDir = path.join(work, 'data');
  const logFile = path.join(work, 'serve.log');
  let server = null;
  let browser = null;
  let page = null;
  try {
    run(['admin', 'household', 'add', 'Lee', '--data', dataDir]);
    run(
      [
        'admin',
        'user',
        'add',
        '--data',
        dataDir,
        '--household',
        '1',
        '--login',
        'sam',
        '--role',
        'protected',
      ],
      `${PASSWORD}\n`,
    );
    run(
      ['admin', 'user', 'add', '--data', dataDir, '--household', '1', '--login', 'mum', '--role', 'guardian'],
      `${PASSWORD}\n`,
    );
    const token = run([
      'admin',
      'token',
      'create',
      '--data',
      dataDir,
      '--login',
      'sam',
      '--name',
      'test',
    ]).trim();
    check(token.length > 20, 'admin commands made a household, two users and a token');

    server = startServer(dataDir, logFile);
    const base = await server.ready;
    const auth = {Authorization: `Bearer ${token}`};
    const profile = await fetch(`${base}/api/v1/profile`, {
      method: 'PUT',
      headers: auth,
      body: fs.readFileSync(path.join(repo, 'examples/profile.toml'), 'utf8'),
    });
    check(profile.status === 200, 'the example profile was set over the API');

    const root = await fetch(`${base}/`);
    const csp = root.headers.get('content-security-policy') || '';
    check(
      root.status === 200 && (root.headers.get('content-type') || '').startsWith('text/html'),
      'GET / serves the page',
    );
    check(
      csp.includes("default-src 'self'") &&
        csp.includes("frame-ancestors 'none'") &&
        csp.includes("script-src 'self'"),
      'the page has a strict Content-Security-Policy',
    );
    check(
      root.headers.get('x-content-type-options') === 'nosniff' &&
        root.headers.get('referrer-policy') === 'no-referrer',
      'the page has nosniff and no-referrer',
    );
    const js = await fetch(`${base}/assets/app.js`);
    check(
      js.status === 200 && (js.headers.get('content-type') || '').startsWith('text/javascript'),
      'the script is served with its type',
    );
    const again = await fetch(`${base}/assets/app.js`, {headers: {'If-None-Match': js.headers.get('etag')}});
    check(again.status === 304, 'an unchanged asset answers 304');
    check((await fetch(`${base}/assets/nothing.js`)).status === 404, 'an unknown asset is 404');

    const profileDir = path.join(work, 'chromium-profile');
    browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: {width: 390, height: 844},
      deviceScaleFactor: 1,
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      acceptDownloads: true,
    });
    browser.setDefaultTimeout(WAIT_MS);
    page = browser.pages()[0] || (await browser.newPage());
    const problems = [];
    const requested = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // A 401 before signing in, a 403 the page expects and a 404 from an endpoint this server does
      // not have yet (the page says so) are answers, not faults; anything else
      // logged as an error (a CSP refusal, a script error) is a failure.
      if (m.type() === 'error' && !/status of 40[134]/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('request', (r) => requested.push(r.url()));
    const unlabelledFields = () =>
      page.evaluate(
        () =>
          [...document.querySelectorAll('input, select, textarea')].filter(
            (el) => el.type !== 'hidden' && el.labels.length === 0 && !el.getAttribute('aria-label'),
          ).length,
      );

    // Phone-sized: sign in, see the empty list, ingest, see the case come.
    await page.goto(`${base}/`);
    await page.waitForSelector('form.login-form');
    check(
      (await page.locator('label[for=login]').count()) === 1 &&
        (await page.locator('label[for=password]').count()) === 1,
      'the login form has labels',
    );
    await page.screenshot({path: path.join(shots, '01-login-phone.png'), fullPage: true});
    await page.fill('#login', 'sam');
    await page.fill('#password', 'wrong password entirely');
    await page.click('form.login-form button[type=submit]');
    await page.waitForSelector('#login-error:has-text("do not match")');
    check(true, 'a wrong password is refused with a message');
    await page.fill('#password', PASSWORD);
    await page.click('form.login-form button[type=submit]');
    await page.waitForSelector('h1:has-text("Cases")');
    await page.waitForSelector('text=No cases yet');
    check(true, 'the protected person signs in and sees no cases yet');
    await page.screenshot({path: path.join(shots, '02-no-cases-phone.png'), fullPage: true});

    await page.evaluate(() => {
      window.sgNotReloaded = true;
    });
    const ingest = await fetch(`${base}/api/v1/events`, {
      method: 'POST',
      headers: {...auth, 'Content-Type': 'application/json'},
      body: JSON.stringify(jordanEvents()),
    });
    const ingested = await ingest.json();
    check(
      ingest.status === 200 && ingested.stored === 8,
      'eight events from Jordan were ingested over the API',
    );
    const tiktok = await fetch(`${base}/api/v1/events`, {
      method: 'POST',
      headers: {...auth, 'Content-Type': 'application/x-ndjson'},
      body: fs.readFileSync(path.join(repo, 'examples/exports/tiktok-comments.jsonl')),
    });
    check(tiktok.status === 200, 'the example TikTok comments were ingested');

    const card = page.locator('.case-card', {hasText: 'Jordan'});
    await card.waitFor();
    check(await page.evaluate(() => window.sgNotReloaded === true), 'the case appeared without a reload');
    const severity = (await card.locator('.badge').textContent()).replace(/\s+/g, ' ').trim();
    check(/Danger|Warning/.test(severity), `Jordan's case is shown with its severity in words (${severity})`);
    await page.locator('.case-card', {hasText: 'jb'}).waitFor();
    await page.screenshot({path: path.join(shots, '03-cases-phone.png'), fullPage: true});

    await card.click();
    await page.waitForSelector('h1:has-text("Jordan")');
    await page.waitForSelector('svg.tl-chart');
    check(
      (await page.locator('svg.tl-chart rect.tl-in').count()) >= 4,
      'the timeline chart has a bar for each day Jordan wrote',
    );
    check((await page.locator('svg.tl-chart .tl-flag').count()) >= 1, 'the timeline marks the flagged days');
    check(
      (await page.locator('svg.tl-chart[role=img] desc').count()) === 1 &&
        (await page.locator('.tl-table table').count()) === 1,
      'the chart has a text description and a table',
    );
    const chartWidth = Number(await page.locator('svg.tl-chart').getAttribute('width'));
    check(chartWidth > 250 && chartWidth <= 390, `the chart fits the phone's width (${chartWidth} px)`);
    const excerpts = await page.locator('#findings .excerpt').allInnerTexts();
    check(
      excerpts.some((t) => /know where you live|hide from me|outside your house/.test(t)),
      'the flagged excerpts are shown',
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, 'nothing is wider than the phone screen');
    await page.screenshot({path: path.join(shots, '04-case-phone.png'), fullPage: true});
    await page
      .locator('section', {has: page.locator('h2', {hasText: 'Timeline'})})
      .screenshot({path: path.join(shots, '05-timeline-phone.png')});

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-report')]);
    const pdfPath = path.join(work, 'report.pdf');
    await download.saveAs(pdfPath);
    const head = fs.readFileSync(pdfPath).subarray(0, 5).toString('latin1');
    check(head === '%PDF-', `the report downloads with one click as a PDF (${download.suggestedFilename()})`);

    // Desktop: the same case wider, the whole messages, and the guardian preview.
    await page.setViewportSize({width: 1280, height: 900});
    await page.waitForFunction(
      () => Number(document.querySelector('svg.tl-chart')?.getAttribute('width')) > 700,
    );
    check(true, 'the chart redraws at the desktop width');
    await page.click('#show-messages');
    await page.waitForSelector('#messages li');
    check(
      (await page.locator('#messages li').count()) === 8,
      'the protected person reads the whole conversation',
    );
    await page.screenshot({path: path.join(shots, '06-case-desktop.png'), fullPage: true});
    await page.click('button:has-text("Preview what a guardian sees")');
    await page.waitForSelector('text=Preview: this is what your guardians see');
    await page.waitForSelector('#download-report', {state: 'detached'});
    await page.waitForSelector('#findings .excerpt');
    check(
      (await page.locator('#show-messages').count()) === 0,
      'the protected person can preview what a guardian sees',
    );
    await page.click('button:has-text("Back to my full view")');
    await page.waitForSelector('#download-report');

    await page.goto(`${base}/#/search`);
    await page.fill('#q', 'hide');
    await page.click('form[role=search] button[type=submit]');
    await page.waitForSelector('#results .result');
    const kinds = await page.locator('#results .result .tag').allTextContents();
    check(
      kinds.includes('Finding') && kinds.includes('Message'),
      'the protected person finds findings and messages by a word',
    );
    check((await unlabelledFields()) === 0, 'the search field has a label');
    await page.screenshot({path: path.join(shots, '07-search-desktop.png'), fullPage: true});

    await page.goto(`${base}/#/settings`);
    await page.click('button:has-text("Add a rule")');
    await page.locator('.rule input[type=url]').fill('http://127.0.0.1:9/stalkguard-hook');
    await page.click('button:has-text("Save alert rules")');
    const secret = (
      await page.locator('.secrets code.secret').first().textContent({timeout: WAIT_MS})
    ).trim();
    check(/^[0-9a-f]{32,}$/.test(secret), 'an alert rule with a webhook is saved and its secret shown once');
    await page.fill('#g-login', 'dad');
    await page.fill('#g-password', 'lantern-meadow-92-harbour');
    await page.click('button:has-text("Add guardian")');
    await page.waitForSelector('.users li:has-text("dad")');
    check(true, 'a guardian is added from the settings page');
    await page.goto(`${base}/#/alerts`);
    await page.locator('.alert-item', {hasText: 'Jordan'}).waitFor();
    check(true, "the alert the new rule made for Jordan's case is listed");

    for (const [route, heading] of [
      ['contacts', 'Contacts'],
      ['checkup', 'Safety check-up'],
      ['alerts', 'Alerts'],
      ['settings', 'Settings'],
    ]) {
      await page.goto(`${base}/#/${route}`);
      await page.waitForSelector(`h1:has-text("${heading}")`);
      check((await unlabelledFields()) === 0, `the ${route} page opens and every field has a label`);
      await page.screenshot({path: path.join(shots, `07-${route}-desktop.png`), fullPage: true});
    }
    check(
      (await page.evaluate(() => localStorage.length + sessionStorage.length)) === 0,
      "nothing is kept in the browser's storage",
    );

    // The guardian, on a desktop screen, then a phone.
    await page.click('button:has-text("Sign out")');
    await page.waitForSelector('form.login-form');
    await page.fill('#login', 'mum');
    await page.fill('#password', PASSWORD);
    await page.click('form.login-form button[type=submit]');
    await page.waitForSelector('text=You are signed in as a guardian');
    check(true, 'the guardian signs in and is told what they can and cannot see');
    await page.goto(`${base}/#/cases`);
    await page.locator('.case-card', {hasText: 'Jordan'}).click();
    await page.waitForSelector('#findings .excerpt');
    await page.waitForSelector('svg.tl-chart, .timeline-slot .notice');
    check((await page.locator('#download-report').count()) === 0, 'the guardian has no report button');
    check((await page.locator('#show-messages').count()) === 0, 'the guardian has no whole-messages view');
    check((await page.locator('#findings .excerpt').count()) > 0, 'the guardian sees the flagged excerpts');
    const refused = await page.evaluate(async () => {
      const id = location.hash.split('/').pop();
      const report = await fetch(`/api/v1/cases/${id}/report?format=pdf`);
      const events = await fetch(`/api/v1/cases/${id}/events`);
      return [report.status, events.status];
    });
    check(
      refused[0] === 403 && refused[1] === 403,
      'the server refuses the guardian the report and the messages',
    );
    await page.screenshot({path: path.join(shots, '08-guardian-case-desktop.png'), fullPage: true});
    await page.goto(`${base}/#/search`);
    await page.fill('#q', 'hide');
    await page.click('form[role=search] button[type=submit]');
    await page.waitForSelector('#results .result');
    const guardianKinds = await page.locator('#results .result .tag').allTextContents();
    check(!guardianKinds.includes('Message'), "the guardian's search finds findings, not messages");
    await page.setViewportSize({width: 390, height: 844});
    await page.goto(`${base}/#/cases`);
    await page.waitForSelector('.case-card');
    await page.screenshot({path: path.join(shots, '09-guardian-cases-phone.png'), fullPage: true});

    const messageWords = ['know where you live', 'hide from me', 'outside your house'];
    const leaked = requested.filter((u) => messageWords.some((w) => decodeURIComponent(u).includes(w)));
    check(leaked.length === 0, 'no message text was ever put in a URL');
    const origin = new URL(base).origin;
    const foreign = requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
    check(
      foreign.length === 0,
      `the page loaded nothing from any other site${foreign.length ? `: ${foreign[0]}` : ''}`,
    );
    check(
      problems.length === 0,
      `no script error or CSP refusal in the page${problems.length ? `: ${problems.join('; ')}` : ''}`,
    );
    console.log(`# ${checks.length} checks passed; screenshots in ${shots}`);
  } catch (err) {
    console.error(`not ok - ${err.message}`);
    if (page) await page.screenshot({path: path.join(shots, 'failure.png'), fullPage: true}).catch(() => {});
    if (fs.existsSync(logFile)) {
      const lines = fs.readFileSync(logFile, 'utf8').trim().split('\n');
      console.error(`# last lines of the server's log:\n${lines.slice(-25).join('\n')}`);
    }
    process.exitCode = 1;
  } finally {
    if (browser) await browser.close().catch(() => {});
    await stopServer(server && server.child);
    if (!keep) fs.rmSync(work, {recursive: true, force: true});
    else console.log(`# kept ${work}`);
  }
}

// Killed from outside (a CTest timeout, Ctrl-C): the server goes too.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (serverChild && serverChild.exitCode === null) serverChild.kill('SIGKILL');
    process.exit(1);
  });
}

process.on('unhandledRejection', (e) => {
  console.error(`not ok - ${e && e.message}`);
  if (serverChild && serverChild.exitCode === null) serverChild.kill('SIGKILL');
  process.exit(1);
});

await main();
