// Opens Swagger UI in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) and prints what a
// person sees: the document title, the tags, and every operation of the Service kind as "op: METHOD path operationId".
// Swagger UI 5 renders only the operations in view (a virtual list), so the page is scrolled through to collect them.
// Usage: PLAYWRIGHT_CORE=<playwright-core folder> node swagger-ui.mjs URL SCREENSHOT.png
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require(process.env.PLAYWRIGHT_CORE);
const [url, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  // playwright gives the browser a temporary profile of its own and removes it on close.
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
  timeout: 120000,
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  page.setDefaultTimeout(180000);
  page.on("pageerror", e => console.log(`pageerror: ${e.message}`));
  await page.goto(url, { waitUntil: "load" });
  // The operations appear once Swagger UI has fetched and resolved the document; the machine may be busy.
  await page.waitForSelector(".opblock");
  console.log(`title: ${await page.title()}`);
  console.log(`info: ${(await page.locator(".info .title").first().innerText()).replace(/\s+/g, " ")}`);

  const seen = new Map();
  const tags = new Set();
  for (let step = 0; step < 2000; step++) {
    const ops = await page.locator(".opblock").evaluateAll(els => els.map(e => [
      e.id,
      [e.querySelector(".opblock-summary-method")?.textContent?.trim(),
        e.querySelector(".opblock-summary-path")?.getAttribute("data-path"),
        e.querySelector(".opblock-summary-operation-id")?.textContent?.trim()].join(" "),
    ]));
    for (const [id, text] of ops) seen.set(id, text);
    for (const tag of await page.locator(".opblock-tag").evaluateAll(els => els.map(e => e.getAttribute("data-tag")))) tags.add(tag);
    const atEnd = await page.evaluate(() => {
      const before = window.scrollY;
      window.scrollBy(0, window.innerHeight * 0.8);
      return window.scrollY === before;
    });
    if (atEnd) break;
    await page.waitForTimeout(50);
  }
  console.log(`tags: ${[...tags].join(",")}`);
  console.log(`operations: ${seen.size}`);
  for (const op of [...seen.values()].filter(o => /\/services(\/|$| )/.test(o)).sort()) console.log(`op: ${op}`);

  // Back up to the Service operations for the screenshot: scroll from the top until the list operation is rendered.
  await page.evaluate(() => window.scrollTo(0, 0));
  const first = "#operations-core_v1-listCoreV1NamespacedService";
  for (let step = 0; step < 2000 && await page.locator(first).count() === 0; step++) {
    await page.evaluate(() => window.scrollBy(0, window.innerHeight * 0.5));
    await page.waitForTimeout(50);
  }
  await page.locator(first).evaluate(e => e.scrollIntoView());
  await page.waitForTimeout(500);
  await page.screenshot({ path: screenshot });
  console.log(`screenshot: ${screenshot}`);
} finally {
  await browser.close();
}
