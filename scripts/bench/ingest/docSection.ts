import { readFile, writeFile } from 'node:fs/promises';

/**
 * Puts `section` (starting with its `## ` heading line) into the Markdown file: in place of the
 * section with the same heading, up to the next `## ` heading, or at the end. Other sections are
 * left byte for byte as they are.
 */
export async function writeSection(file: string, section: string): Promise<void> {
  const heading = section.slice(0, section.indexOf('\n'));
  if (!heading.startsWith('## ')) throw new Error('a section starts with its "## " heading');
  const text = await readFile(file, 'utf8');
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line === heading);
  const body = section.trimEnd().split('\n');
  if (start === -1) {
    const kept = text.trimEnd();
    await writeFile(file, `${kept}\n\n${body.join('\n')}\n`);
    return;
  }
  const next = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  const after = next === -1 ? [] : ['', ...lines.slice(next)];
  const out = [...lines.slice(0, start), ...body, ...after].join('\n');
  await writeFile(file, out.endsWith('\n') ? out : `${out}\n`);
}
