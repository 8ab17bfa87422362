// The web page in headless Debian Chromium, driven by playwright-core:
// load the example, summarize, click a sentence, check its highlight in the
// source pane; non-ASCII text; dropped furniture on demand; keyboard use;
// phone width; the API explorer. Saves docs/img/page.png.
//
// Usage: node page.test.mjs BASE_URL SCREENSHOT_PATH
import { chromium } from "playwright-core";
import assert from "node:assert/strict";

const [base, screenshot] = process.argv.slice(2);
if (!base || !screenshot) {
  console.error("usage: node page.test.mjs BASE_URL SCREENSHOT_PATH");
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const collapse = (s) => s.replace(/\s+/g, " ").trim();
let failures = 0;

async function step(name, body) {
  try {
    await body();
    console.log("ok   " + name);
  } catch (e) {
    failures += 1;
    console.log("FAIL " + name + "\n" + (e.stack || e));
  }
}

// Clicks sentence `i` and returns the text of its active highlight and the
// sentence's own text.
async function clickSentence(page, i) {
  const button = page.locator(".sentence").nth(i);
  await button.click();
  await page.waitForSelector("mark.sel.active");
  const marked = await page.$$eval("mark.sel.active", (ms) => ms.map((m) => m.textContent).join(""));
  const sentence = (await button.textContent()).replace(/ …$/, "");
  return { marked, sentence };
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  // The page must not reach anything but the server.
  const elsewhere = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(base)) elsewhere.push(r.url());
  });
  await page.goto(base + "/");

  await step("the example loads and is summarized", async () => {
    await page.waitForFunction(() => document.querySelectorAll("#method option").length > 1);
    await page.click("#example");
    await page.waitForFunction(() => document.querySelectorAll(".article").length === 5);
    await page.fill("#words", "120");
    await page.dispatchEvent("#words", "input");
    assert.equal(await page.textContent("#words-out"), "120 words");
    await page.click("#go");
    await page.waitForSelector(".sentence");
    const n = await page.locator(".sentence").count();
    assert.ok(n >= 3, "sentences: " + n);
    assert.match(await page.textContent("#status"), /Summarized 5 articles/);
  });

  await step("clicking a sentence highlights its span in the source pane", async () => {
    const { marked, sentence } = await clickSentence(page, 1);
    assert.equal(collapse(marked), sentence);
    await page.waitForTimeout(800); // the smooth scroll
    const inView = await page.evaluate(() => {
      const pane = document.querySelector("#sources").getBoundingClientRect();
      const m = document.querySelector("mark.sel.active").getBoundingClientRect();
      return m.top >= pane.top - 1 && m.bottom <= pane.bottom + 1;
    });
    assert.ok(inView, "the highlighted span is scrolled into the source pane");
    assert.equal(await page.getAttribute(".sentence >> nth=1", "aria-pressed"), "true");
    // Its colour is its document's.
    const [buttonClass, markClass] = await page.evaluate(() => [
      document.querySelectorAll(".sentence")[1].className.split(" ").find((c) => /^d\d$/.test(c)),
      document.querySelector("mark.sel.active").className.split(" ").find((c) => /^d\d$/.test(c)),
    ]);
    assert.equal(buttonClass, markClass);
  });

  await step("every sentence's highlight is its text", async () => {
    const n = await page.locator(".sentence").count();
    for (let i = 0; i < n; i++) {
      const { marked, sentence } = await clickSentence(page, i);
      assert.equal(collapse(marked), sentence, "sentence " + i);
    }
  });

  await step("the articles carrying the same content are shown", async () => {
    const chips = await page.locator(".also .chip").count();
    assert.ok(chips >= (await page.locator(".sentence").count()), "a source chip per sentence at least");
  });

  await step("dropped furniture is shown greyed on demand", async () => {
    const count = Number(await page.textContent("#dropped-count"));
    assert.ok(count > 0, "the example has dropped pieces");
    assert.equal(await page.locator(".dropped").first().isVisible(), false);
    await page.check("#show-dropped");
    const d = page.locator(".dropped").first();
    await d.scrollIntoViewIfNeeded();
    assert.ok(await d.isVisible());
    const colour = await d.evaluate((el) => getComputedStyle(el).color);
    assert.equal(colour, "rgb(154, 154, 154)");
  });

  await step("the screenshot", async () => {
    await page.evaluate(() => window.scrollTo(0, document.querySelector("#result").offsetTop - 8));
    await clickSentence(page, 0);
    await page.waitForTimeout(800);
    await page.screenshot({ path: screenshot, fullPage: false });
  });

  await step("keyboard: Tab to a sentence, Enter highlights it", async () => {
    await page.focus(".sentence >> nth=0");
    await page.keyboard.press("Tab"); // to the next sentence button
    const focused = await page.evaluate(() => document.activeElement.className);
    assert.match(focused, /sentence/);
    await page.keyboard.press("Enter");
    assert.equal(await page.getAttribute(".sentence >> nth=1", "aria-pressed"), "true");
  });

  await step("non-ASCII articles: spans convert from bytes to UTF-16", async () => {
    // Remove every article, then type two with 2-, 3- and 4-byte characters
    // before and inside the sentences.
    while ((await page.locator(".article .remove").count()) > 0) await page.click(".article .remove >> nth=0");
    for (const text of [
      "Zürich 😀 — Der Außenminister traf am Dienstag in Genf seinen Kollegen, um über den Krieg zu sprechen und eine Lösung zu finden.\n\nDie Gespräche dauerten drei Stunden und endeten ohne Einigung über die nächsten Schritte.",
      "Genève — Les ministres se sont réunis mardi à Genève pour parler de la guerre 😀 pendant trois heures, sans accord.\n\nLes deux côtés ont dit qu'ils se reverraient le mois prochain à Zürich pour continuer les négociations.",
    ]) {
      await page.click("#add");
      await page.locator(".article textarea").last().fill(text);
    }
    await page.selectOption("#method", "lead");
    await page.click("#go");
    await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("Summarized 2"));
    const n = await page.locator(".sentence").count();
    assert.ok(n >= 2, "sentences: " + n);
    for (let i = 0; i < n; i++) {
      const { marked, sentence } = await clickSentence(page, i);
      assert.equal(collapse(marked), sentence, "sentence " + i);
    }
  });

  await step("readable at phone width", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, "horizontal overflow of " + overflow + " px");
    const columns = await page.evaluate(() => getComputedStyle(document.querySelector("#result")).gridTemplateColumns.split(" ").length);
    assert.equal(columns, 1);
  });

  await step("the API explorer lists every operation and sends requests", async () => {
    const docs = await context.newPage();
    await docs.goto(base + "/docs");
    await docs.waitForSelector(".endpoint");
    assert.ok((await docs.locator(".endpoint").count()) >= 6);
    const health = docs.locator(".endpoint", { hasText: "GET /health" });
    await health.locator("button").click();
    await docs.waitForFunction(() => Array.from(document.querySelectorAll(".endpoint pre")).some((p) => p.textContent.includes('"ok"')));
  });

  await step("no script errors, nothing fetched from elsewhere", async () => {
    assert.deepEqual(errors, []);
    assert.deepEqual(elsewhere, []);
  });
} finally {
  await browser.close();
}
if (failures) {
  console.log(failures + " browser checks failed");
  process.exit(1);
}
console.log("all browser checks passed");
