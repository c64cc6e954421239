// Hostile text for the Markdown the action writes (job summary, pull-request body): what an event
// from the API could hold in any field. fidelity.test.ts sends MARKDOWN_PAYLOADS through a whole run
// and looks at the Markdown; rendering.test.ts renders all of HOSTILE_TEXT with GitHub's renderer.

/** A payload, and what must never appear in the Markdown once it went through the action. */
export const MARKDOWN_PAYLOADS: [string, string[]][] = [
  ['<script>alert(1)</script>', ['<script', '</script']],
  ['<img src=x onerror=alert(1)>', ['<img']],
  ['[x](javascript:alert(1))', ['[x]', '](javascript']],
  ['![i](http://x.example/i.png)', ['![i]', '](http://x.example']],
  ['@org/team', ['@org']],
  ['#4242 x', ['#4242']], // an issue reference ("#123" would be found inside the entity &#123;)
  ['a|b|c', ['a|b']],
  ['`rm -rf /`', ['`rm']],
  ['$$x^2$$', ['$$']],
  ['line1\n## Injected heading', ['\n## Injected', 'line1\n']],
  ['**bold** _em_ ~~del~~', ['**bold', '_em_', '~~del']],
  ['<!-- hidden -->', ['<!--']],
  ['https://evil.example/login', ['https://evil']],
  ['www.evil.example', ['www.evil']],
  ['<details><summary>x</summary>', ['<details', '<summary']],
  ['[^1]: footnote', ['[^1]']],
  ['\\<b\\>', ['\\<', '<b']],
  ['&lt;i&gt;entity', ['&lt;i&gt;']],
  ['cell\r\n> quote\u2028| t | r |', ['\n> quote', '| t |']],
  ['{{7*7}} ${{ secrets.X }}', ['${{', '{{7']]
];

/** Line breaks and terminal escapes (as workflow-commands.test.ts sends them to the log). */
const LINE_BREAKS = [
  '\n::warning::pwned',
  '\r\n::add-mask::x',
  '\r::stop-commands::t',
  '\u2028::stop-commands::t',
  '\u2029## para',
  '\u0085::add-mask::x',
  '\u000b\u000c\u0000\u007f',
  '\u001b[2K\r::warning::pwned',
  'a\n\n| x | y |\n| --- | --- |\n| 1 | 2 |',
  'a\n- item\n1. item\n> quote\n# heading\n---\n***'
];

/** Unicode that survives trimming: RTL marks and overrides, zero-width, emoji, astral, combining (as fuzz-inputs.test.ts). */
const UNICODE = [
  '\u200f\u200e\u202e\u2066',
  'admin\u202e@example.com',
  '\u200b\u200c\u200d\u2060',
  '😀 👨‍👩‍👧 🏳️‍🌈 𝕏 𓀀',
  'e\u0301\u0301\u0301',
  'lone \ud83d surrogate',
  ':+1: :shipit: :tada:'
];

/** Mentions, references and email addresses. */
const PEOPLE = [
  '@admin',
  'hi @team please look',
  '(@x)',
  '@org/team-b',
  'cc:@x-y, @@z',
  'é@admin',
  '`@code`',
  '/@path',
  '_@under',
  'x.@dot',
  '#123',
  'fixes #4242, (#7), GH-12, acme/audit#9',
  'alice.smith+audit@example.co.uk',
  'bob@localhost',
  'ops@www.example.com',
  'a@b.co, c_d@e.io; f-g@h.example.org',
  'mailto:carol@example.com',
  '<dave@example.com>',
  'x@y@z.com'
];

/** Links, images, raw HTML and Markdown constructs. */
const MARKUP = [
  '<https://evil.example>',
  'HTTPS://EVIL.EXAMPLE/a?b=c&d=e#f',
  'WWW.EVIL.EXAMPLE and www.evil.example.',
  'ftp://files.evil.example/x',
  'javascript:alert(1)',
  '[ref]: https://evil.example "t"',
  '[x][ref]',
  '![alt](https://evil.example/i.png "t")',
  '<a href="https://evil.example" onclick="x()">x</a>',
  '<iframe src="//evil.example"></iframe>',
  '<style>*{display:none}</style>',
  '<span style="color:red">red</span>',
  '<wbr><br/><hr>',
  '</td></tr></table><table><tr><td>',
  '<!-- -->',
  '<?php echo 1; ?><![CDATA[x]]><!DOCTYPE html>',
  '```\nfence\n```',
  '``double `tick` ``',
  '\\|\\`\\*\\_',
  '&#124; &amp; &#64; &#x40; &nbsp;',
  '~~gone~~ ~x~ ==mark== ^sup^',
  '- [ ] task',
  '<details open><summary>s</summary>hidden</details>',
  '%0A%7C%3Cscript%3E',
  '"quoted" \'single\''
];

/** Long values: the cut must never break an entity, a surrogate pair or the table. */
const LONG = ['A'.repeat(5000), '😀'.repeat(300), '|'.repeat(400), '@a '.repeat(200), '&'.repeat(300), 'x'.repeat(199) + '@example.com'];

/** Every hostile text, one per line of the lists above and of MARKDOWN_PAYLOADS. */
export const HOSTILE_TEXT: string[] = [...MARKDOWN_PAYLOADS.map(([payload]) => payload), ...LINE_BREAKS, ...UNICODE, ...PEOPLE, ...MARKUP, ...LONG];

/** The email addresses among them, which must render as text that copies exactly. */
export const EMAILS = ['alice.smith+audit@example.co.uk', 'bob@localhost', 'c_d@e.io'];
