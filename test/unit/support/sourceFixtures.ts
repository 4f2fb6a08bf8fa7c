/**
 * Source fixtures in every supported format, made in the test setup: PDF with pdfkit, DOCX as a
 * zip written with jszip. Every format carries the same report, so the same claim must be found
 * as supported whatever the format.
 */
import PDFDocument from 'pdfkit';
import JSZip from 'jszip';

/** The sentence every fixture states, and a draft sentence it supports. */
export const CLAIM_SOURCE = 'The River Wenne peaked at 4.8 metres at the Millgate gauge shortly before 3 a.m. on Sunday, according to the Wenne Waterways Board.';
export const DRAFT = '# Flood\n\nThe River Wenne peaked at 4.8 metres at the Millgate gauge.\n';

export const META = {
  title: 'River Wenne peaks at 4.8 metres',
  outlet: 'Valley Courier',
  author: 'Marta Lind',
  date: '2025-10-13',
  url: 'https://valleycourier.example/wenne-peak',
};

const OTHER = [
  'Firefighters went door to door in the Quayside and Millgate districts from midnight, the brigade said.',
  'The Sports Hall and St. Agnes Primary School have been opened as shelters for the night.',
];

export function txtFixture(): string {
  return `${META.title}\n\nBy ${META.author}\n\nMonday, 13 October 2025\n\n${CLAIM_SOURCE}\n\n${OTHER.join('\n\n')}\n`;
}

export function mdFixture(): string {
  return `---\ntitle: "${META.title}"\noutlet: ${META.outlet}\nauthor: ${META.author}\ndate: ${META.date}\nurl: ${META.url}\n---\n\n# ${META.title}\n\n${CLAIM_SOURCE}\n\n${OTHER.join('\n\n')}\n`;
}

export function htmlFixture(): string {
  return `<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>${META.title} | ${META.outlet}</title>
<meta property="og:title" content="${META.title}">
<meta property="og:site_name" content="${META.outlet}">
<meta property="og:url" content="${META.url}">
<meta property="article:published_time" content="${META.date}T07:45:00+02:00">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"${META.title}","author":{"@type":"Person","name":"${META.author}"},"publisher":{"@type":"Organization","name":"${META.outlet}"},"datePublished":"${META.date}T07:45:00+02:00"}</script>
</head><body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.</p><button>Accept all</button></div>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main>
<article>
<h1>${META.title}</h1>
<p class="byline">By ${META.author}</p>
<p>${CLAIM_SOURCE}</p>
<aside class="newsletter"><p>Get latest news delivered daily! Sign up for our newsletter.</p></aside>
${OTHER.map((p) => `<p>${p}</p>`).join('\n')}
<p>The board publishes river levels every hour on its website and says the level is now falling steadily across the valley, although more rain is expected on Wednesday.</p>
<table><tr><th>Gauge</th><th>Peak</th></tr><tr><td>Millgate</td><td>4.8 m</td></tr></table>
</article>
</main>
<footer><p>© 2025 ${META.outlet}. All rights reserved.</p><p><a href="/privacy">Privacy Policy</a></p></footer>
</body></html>`;
}

function pdfBytes(build: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ autoFirstPage: false, ...options });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    build(doc);
    doc.end();
  });
}

/**
 * A two-page report: running header and page-number footer on each page, text hard-wrapped by
 * hand with a hyphenated line break ("Mill-/gate"), the claim on page 2.
 */
export function pdfFixture(options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  const pages: string[][] = [
    [
      'Firefighters went door to door in the Quayside and',
      'Millgate districts from midnight, the brigade said.',
      '',
      'The Sports Hall and St. Agnes Primary School have',
      'been opened as shelters for the night.',
    ],
    [
      'The River Wenne peaked at 4.8 metres at the Mill-',
      'gate gauge shortly before 3 a.m. on Sunday, accord-',
      'ing to the Wenne Waterways Board.',
      '',
      'The board publishes river levels every hour.',
    ],
  ];
  return pdfBytes(
    (doc) => {
      pages.forEach((lines, i) => {
        doc.addPage({ size: 'A4', margin: 0 });
        doc.fontSize(9).text('Wenne Waterways Board - Flood Report 2025', 72, 40, { lineBreak: false });
        let y = 120;
        doc.fontSize(12);
        for (const line of lines) {
          if (line) doc.text(line, 72, y, { lineBreak: false });
          y += line ? 15 : 24;
        }
        doc.fontSize(9).text(`Page ${i + 1} of ${pages.length}`, 72, 790, { lineBreak: false });
      });
    },
    {
      info: { Title: META.title, Author: META.author, CreationDate: new Date(`${META.date}T10:00:00Z`) },
      ...options,
    },
  );
}

export function encryptedPdfFixture(): Promise<Buffer> {
  return pdfFixture({ userPassword: 'secret', ownerPassword: 'owner' });
}

/** A valid PDF with a page but no text. */
export function emptyPdfFixture(): Promise<Buffer> {
  return pdfBytes((doc) => {
    doc.addPage({ size: 'A4', margin: 0 });
    doc.rect(100, 100, 200, 100).fill('#cccccc');
  });
}

/** The first half of a valid PDF: a truncated download. */
export async function corruptPdfFixture(): Promise<Buffer> {
  const b = await pdfFixture();
  return Buffer.concat([Buffer.from('%PDF-1.3\n'), Buffer.from('1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n'), b.subarray(b.length, b.length)]);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A Word document with a heading, paragraphs and a table, and core/app properties. */
export async function docxFixture(): Promise<Buffer> {
  const para = (text: string, style?: string) =>
    `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
  const cell = (text: string) => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>${para(text)}</w:tc>`;
  const body = [
    para(META.title, 'Heading1'),
    para(CLAIM_SOURCE),
    ...OTHER.map((p) => para(p)),
    `<w:tbl><w:tblPr><w:tblW w:w="4000" w:type="dxa"/></w:tblPr><w:tr>${cell('Gauge')}${cell('Peak')}</w:tr><w:tr>${cell('Millgate')}${cell('4.8 m')}</w:tr></w:tbl>`,
    para('The board publishes river levels every hour.'),
  ].join('');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`,
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`,
  );
  zip.file(
    'docProps/core.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${esc(META.title)}</dc:title><dc:creator>${esc(META.author)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${META.date}T09:00:00Z</dcterms:created></cp:coreProperties>`,
  );
  zip.file(
    'docProps/app.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Company>${esc(META.outlet)}</Company></Properties>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
