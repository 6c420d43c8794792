// End-to-end test of the dashboard: ingests the example corpus into an event store, starts
// `dyad serve --db` on a free loopback port, drives Debian's Chromium headless through
// playwright-core, applies a filter, clicks a dyad in the network and checks that its sentences
// are listed with the trigger words marked, then saves a screenshot.
//
//   node web/e2e/dashboard.e2e.mjs build/dyad examples/news.jsonl build/dashboard.png
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [dyad, corpus, screenshot] = process.argv.slice(2);
if (!dyad || !corpus || !screenshot) {
  console.error('usage: dashboard.e2e.mjs DYAD_BINARY CORPUS SCREENSHOT.png');
  process.exit(1);
}
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) { passed++; console.log(`ok   ${what}`); } else { failed++; console.log(`FAIL ${what}`); }
}

// The corpus in a fresh event store, as `dyad ingest` writes it.
const dir = mkdtempSync(join(tmpdir(), 'dyad-e2e-'));
const db = join(dir, 'e2e.db');
const ingest = spawnSync(dyad, ['ingest', corpus, '--db', db, '-j', '1'], { encoding: 'utf8' });
if (ingest.status !== 0) {
  console.error(`dyad ingest failed:\n${ingest.stderr}`);
  process.exit(1);
}

// The server over it, on a port it picks; its first line on stderr names the URL.
const server = spawn(dyad, ['serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
const base = await new Promise((resolve, reject) => {
  let err = '';
  const timer = setTimeout(() => reject(new Error(`dyad serve did not start:\n${err}`)), 120000);
  server.stderr.on('data', (chunk) => {
    err += chunk;
    const m = err.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
    if (m) { clearTimeout(timer); resolve(`http://127.0.0.1:${m[1]}`); }
  });
  server.on('exit', (code) => reject(new Error(`dyad serve exited with ${code}:\n${err}`)));
});

let browser;
try {
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base + '/');
  await page.waitForFunction(() => document.querySelectorAll('#events li[data-id]').length > 0, null, { timeout: 60000 });
  check(await page.locator('#map path.country').count() > 100, 'the world map is drawn from the bundled TopoJSON');
  check(await page.locator('#timeline canvas').count() > 0, 'the timeline is drawn');

  // A filter: the country with most events in the corpus.
  const countries = await (await fetch(`${base}/v1/countries?limit=1`)).json();
  const country = countries.countries[0].country;
  await page.fill('input[name=country]', country);
  await page.click('#apply');
  await page.waitForFunction((c) => {
    const cy = window.dyadDashboard.network();
    return cy && cy.edges().length > 0 && document.getElementById('status').textContent.includes('dyads');
  }, country, { timeout: 60000 });
  const rows = await page.locator('#events li[data-id]').count();
  const expected = (await (await fetch(`${base}/v1/events?country=${country}&limit=25`)).json()).events.length;
  check(rows === expected && rows > 0, `filter country=${country}: ${rows} events listed, the API has ${expected}`);
  check(await page.locator('#map path.country[data-iso3]').count() > 0, 'countries carry their codes');

  // Click the first dyad's edge where cytoscape drew it.
  const edge = await page.evaluate(() => {
    const cy = window.dyadDashboard.network();
    const e = cy.edges()[0];
    const box = cy.container().getBoundingClientRect();
    const p = e.renderedMidpoint();
    return { x: box.left + p.x, y: box.top + p.y, source: e.data('source'), target: e.data('target') };
  });
  await page.mouse.click(edge.x, edge.y);
  await page.waitForFunction((t) => document.getElementById('events-title').textContent === t,
    `Events between ${edge.source} and ${edge.target}`, { timeout: 30000 });
  check(true, `clicked the dyad ${edge.source} → ${edge.target}`);
  const dyadEvents = (await (await fetch(`${base}/v1/events?dyad=${edge.source},${edge.target}&limit=25`)).json()).events;
  await page.waitForFunction((n) => document.querySelectorAll('#events li[data-id]').length === n, dyadEvents.length, { timeout: 30000 });
  const shown = await page.locator('#events li[data-id] .sentence').allTextContents();
  check(shown.length === dyadEvents.length && dyadEvents.every((e, i) => shown[i] === e.sentence_text),
    `the dyad's ${dyadEvents.length} sentence(s) are listed`);
  const marks = await page.locator('#events li[data-id] .sentence mark.trigger').allTextContents();
  check(marks.length > 0 && marks[0] === dyadEvents[0].evidence.trigger.text,
    `the trigger words are marked ("${marks[0]}")`);
  await page.waitForFunction((n) => {
    const own = window.dyadDashboard.timeline().data[3];
    return own.reduce((a, v) => a + (v || 0), 0) === n;
  }, dyadEvents.length, { timeout: 30000 }).then(() => check(true, 'the timeline shows the dyad\'s own events'),
    () => check(false, 'the timeline shows the dyad\'s own events'));
  check(await page.locator('#map path.country.selected').count() >= 1, 'the map marks the dyad\'s countries');

  // Clicking an event opens its rule and evidence.
  await page.locator('#events li[data-id]').first().click();
  await page.waitForSelector('#events li .detail', { timeout: 30000 });
  check((await page.locator('#events li .detail').textContent()).includes('rule:'), 'an event shows its rule');
  check(errors.length === 0, `no script errors${errors.length ? ': ' + errors.join('; ') : ''}`);
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);
} catch (e) {
  failed++;
  console.log(`FAIL ${e.message}`);
} finally {
  if (browser) await browser.close();
  server.kill('SIGTERM');
  if (server.exitCode === null && server.signalCode === null) await new Promise((resolve) => server.on('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
