// Runs Lighthouse (mobile, the default) on each address given on stdin as JSON
// ({"urls": [...], "categories": [...]}), in one Chromium, and prints one JSON object per
// line: the address, each category's score and the audits that fell short. Used by
// `python -m generator.dev.lighthouse`.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// LIGHTHOUSE_MODULES: the node_modules folder where `npm i -E lighthouse@12.2.3` put it.
const modules = process.env.LIGHTHOUSE_MODULES;
const load = (name, file) => import(pathToFileURL(path.join(modules, name, file)).href);
const { default: lighthouse } = await load('lighthouse', 'core/index.js');
const chromeLauncher = await load('chrome-launcher', 'dist/index.js');

const { urls, categories } = JSON.parse(fs.readFileSync(0, 'utf8'));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
  ],
});
// The performance score is made of these metrics alone: measured without the other
// categories, only they (and what they need) are gathered and audited.
const METRICS = [
  'first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time',
  'cumulative-layout-shift', 'speed-index',
];
const performanceOnly = categories.length === 1 && categories[0] === 'performance';
const config = {
  extends: 'lighthouse:default',
  settings: {
    onlyCategories: categories,
    ...(performanceOnly ? { onlyAudits: METRICS } : {}),
    disableFullPageScreenshot: true,
    skipAudits: ['screenshot-thumbnails', 'final-screenshot'],
  },
};
try {
  for (const url of urls) {
    const result = await lighthouse(url, { port: chrome.port, logLevel: 'error' }, config);
    const lhr = result.lhr;
    const scores = {};
    for (const [id, category] of Object.entries(lhr.categories)) scores[id] = category.score;
    const failing = [];
    for (const audit of Object.values(lhr.audits)) {
      const scored = audit.scoreDisplayMode === 'binary' || audit.scoreDisplayMode === 'numeric';
      if (scored && audit.score !== null && audit.score < 1) {
        failing.push({ id: audit.id, score: audit.score, value: audit.displayValue || '' });
      }
    }
    process.stdout.write(JSON.stringify({ url, scores, failing }) + '\n');
  }
} finally {
  await chrome.kill();
}
