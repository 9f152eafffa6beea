import type { Page } from '@playwright/test';

/** A piece of text whose colour does not stand out enough from what is behind it. */
export interface ContrastFailure {
  text: string;
  ratio: number;
  required: number;
  color: string;
  background: string;
}

/**
 * WCAG AA for every visible text on the page: 4.5:1, or 3:1 for large text (24 px, or 18.66 px
 * bold). The background is composited from the element's ancestors' background colours; disabled
 * controls are exempt, as WCAG allows. Runs in the page.
 */
export function findLowContrast(page: Page, root = 'body'): Promise<ContrastFailure[]> {
  return page.evaluate((selector) => {
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const m = /rgba?\(([^)]+)\)/.exec(css);
      if (!m?.[1]) return [0, 0, 0, 0];
      const [r = 0, g = 0, b = 0, a = 1] = m[1]
        .split(/[,\s/]+/)
        .filter(Boolean)
        .map(Number);
      return [r, g, b, a];
    };
    const over = (top: Rgba, below: Rgba): Rgba => {
      const a = top[3] + below[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      const mix = (i: 0 | 1 | 2) => (top[i] * top[3] + below[i] * below[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const f = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const backgroundOf = (element: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let e: Element | null = element; e; e = e.parentElement) {
        const style = getComputedStyle(e);
        const layer = parse(style.backgroundColor);
        const opacity = Number(style.opacity);
        if (layer[3] > 0) layers.push([layer[0], layer[1], layer[2], layer[3] * opacity]);
        if (layer[3] === 1 && opacity === 1) break;
      }
      let result: Rgba = parse(getComputedStyle(document.documentElement).backgroundColor);
      if (result[3] === 0) result = [255, 255, 255, 1];
      for (const layer of layers.reverse()) result = over(layer, result);
      return result;
    };
    const failures: ContrastFailure[] = [];
    const root = document.querySelector(selector) ?? document.body;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || seen.has(element) || !node.textContent?.trim()) continue;
      seen.add(element);
      if (element.closest('[aria-hidden="true"], option, :disabled, .visually-hidden')) continue;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      const background = backgroundOf(element);
      const color = over(parse(style.color), background);
      const [hi, lo] = [luminance(color), luminance(background)].sort((a, b) => b - a) as [number, number];
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const required = large ? 3 : 4.5;
      if (ratio < required)
        failures.push({
          text: node.textContent.trim().slice(0, 40),
          ratio: Math.round(ratio * 100) / 100,
          required,
          color: style.color,
          background: `rgba(${background.map((c) => Math.round(c * 100) / 100).join(', ')})`,
        });
    }
    return failures;
  }, root);
}
