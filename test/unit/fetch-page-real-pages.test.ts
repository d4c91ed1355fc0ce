/**
 * fetch_page on pages shaped like real ones (test/fixtures/fetch-page, written by hand after
 * the structure of a newspaper article, a consent-platform banner, an encyclopedia table
 * and a legacy-encoded regional news site), read through PageFetcher as the research
 * specialist reads them: bytes in, title and text out.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PageFetcher, type HttpGet } from '../../electron/main/tools/fetch-page';

const FIXTURES = new URL('../fixtures/fetch-page/', import.meta.url);

async function read(file: string, contentType = 'text/html', url = `https://site.example.com/${file}`) {
  const bytes = readFileSync(new URL(file, FIXTURES));
  const get: HttpGet = async () => new Response(bytes, { headers: { 'content-type': contentType } });
  const fetcher = new PageFetcher({ fetch: get, lookup: async () => [{ address: '93.184.216.34', family: 4 }] });
  return fetcher.fetchPage(url);
}

describe('fetch_page on a news article with navigation, ads and related links', () => {
  const page = read('news-article.html', 'text/html; charset=utf-8', 'https://news.example.com/travel/2024/03/night-trains');

  it('starts with the headline and byline, then the article paragraphs in order', async () => {
    const { title, text } = await page;
    expect(title).toBe('Night trains return to the Alps after a decade - The Daily Courier');
    const lines = text.split('\n').filter((line) => line.trim());
    expect(lines[0]).toBe('# Night trains return to the Alps after a decade');
    expect(lines[1]).toBe('By Mara Lindqvist');
    const paragraphs = [
      'For the first time in more than ten years',
      'The service, run by a partnership',
      'Rail campaigners said the relaunch',
      '## Why night trains disappeared',
      'Many sleeper routes were cut',
      'The European Commission has promised',
      'The operators said they would review',
    ].map((start) => lines.findIndex((line) => line.startsWith(start)));
    expect(paragraphs.every((index) => index > 0)).toBe(true);
    expect(paragraphs).toEqual([...paragraphs].sort((a, b) => a - b));
    expect(lines.findIndex((line) => line.startsWith('For the first time'))).toBeLessThanOrEqual(4);
  });

  it('keeps links inside the article as [text](absolute address)', async () => {
    expect((await page).text).toContain('a spokesperson for [Back on Track](https://backontrack.example.org/), a group');
  });

  it('leaves out navigation, ads, related and most-read links, sharing and the footer', async () => {
    const { text } = await page;
    for (const noise of [
      'Skip to main content', 'Advertisement', 'Fly to Lisbon', 'ski insurance', 'Luxury watches', 'Sport', 'Culture',
      'Subscribe', 'Sign in', 'Eurostar fares', 'best ski resorts', 'Most read', 'Celebrity chef', 'More from Travel',
      'rail pass', 'Share on X', 'Email this story', 'About us', 'Privacy policy', 'All rights reserved', 'googletag',
    ]) {
      expect(text, noise).not.toContain(noise);
    }
  });
});

describe('fetch_page on a page with a cookie consent banner', () => {
  it('reads the page without the consent platform’s banner or the site’s own cookie notice', async () => {
    const { text } = await read('cookie-banner.html');
    expect(text.startsWith('# How to descale a kettle with citric acid\n\nLimescale builds up fastest')).toBe(true);
    expect(text).toContain('1. Fill the kettle with the water and bring it to the boil.');
    for (const noise of ['We value your privacy', '842 partners', 'Accept All', 'Reject All', 'Cookies Settings', 'This site uses cookies', 'Got it']) {
      expect(text, noise).not.toContain(noise);
    }
  });
});

describe('fetch_page on a table-heavy page', () => {
  it('writes each table row on its own line with the cells in order', async () => {
    const { text } = await read('table-heavy.html', 'text/html', 'https://encyclopedia.example.org/wiki/Tallest');
    const lines = text.split('\n');
    const rows = [
      'Rank | Name | City | Height (m) | Floors | Year',
      '1 | [Lakhta Center](https://encyclopedia.example.org/wiki/Lakhta_Center) | Saint Petersburg | 462 | 87 | 2019',
      '2 | [Federation Tower](https://encyclopedia.example.org/wiki/Federation_Tower)[1] | Moscow | 374 | 95 | 2017',
      '3 | [OKO – South Tower](https://encyclopedia.example.org/wiki/OKO) | Moscow | 354 | 85 | 2015',
      '5 | [The Shard](https://encyclopedia.example.org/wiki/The_Shard) | London | 310 | 72 | 2012',
      '6 | [Varso Tower](https://encyclopedia.example.org/wiki/Varso) | Warsaw | 310 | 53 | 2022',
      'Russia | 26 | 48',
      'United Kingdom | 12 | 61',
      'Germany | 5 | 19',
    ].map((row) => lines.indexOf(row));
    expect(rows.every((index) => index >= 0)).toBe(true);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(text).not.toContain('Random article');
    expect(text).not.toContain('last edited');
  });
});

describe('fetch_page on a windows-1252 page', () => {
  const GERMAN = [
    '# Fahrpreise steigen: Monatskarte kostet ab Mai 5 € mehr',
    'Die Verkehrsbetriebe erhöhen zum 1. Mai die Preise für Zeitkarten.',
    '„Wir müssen die gestiegenen Energie- und Personalkosten weitergeben“, sagte Geschäftsführerin Jörg-Ann Müller.',
    'als „falsches Signal“ – gerade jetzt, da die Straßenbahnlinie 4 über die Brücke am Großmarkt',
  ];

  it('decodes umlauts, ß, € and typographic quotes from its <meta> declaration', async () => {
    const { title, text } = await read('windows-1252.html');
    expect(title).toBe('Fahrpreise steigen: Monatskarte kostet ab Mai 5 € mehr – Stadtanzeiger');
    for (const phrase of GERMAN) expect(text).toContain(phrase);
    expect(text).not.toContain('\uFFFD');
  });

  it('decodes it the same when the header says iso-8859-1, as browsers do', async () => {
    const { text } = await read('windows-1252.html', 'text/html; charset=ISO-8859-1');
    for (const phrase of GERMAN) expect(text).toContain(phrase);
  });
});
