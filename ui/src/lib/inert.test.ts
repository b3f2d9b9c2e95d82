/// <reference types="vite/client" />
// Hostile text stays inert: no component renders HTML from a string, except the
// help page, whose HTML is docs/model.md compiled into the app and rendered by
// Rust with raw HTML escaped (src/help.rs) — nothing from a map reaches it.
import { expect, test } from 'vitest';

const sources = import.meta.glob('../components/*.svelte', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

test('only the help page uses {@html}, and only for the help text', () => {
  expect(Object.keys(sources).length).toBeGreaterThan(10);
  const users = Object.entries(sources)
    .filter(([, text]) => text.includes('{@html'))
    .map(([path]) => path.split('/').pop());
  expect(users).toEqual(['HelpDialog.svelte']);
  const help = sources['../components/HelpDialog.svelte'];
  expect(help.match(/\{@html [^}]*\}/g)).toEqual(['{@html store.help}']);
});
