import { renderToString } from 'preact-render-to-string';
import { expect, it } from 'vitest';
import { checkPublishable } from '../gate.ts';
import { scanText } from '../scanner.ts';
import { PrivacyHighlight } from './privacy-highlight.tsx';

it('marks each finding in place with its type in Chinese, and escapes the text', () => {
  const text = '<b>来电人王建国</b>（13812345678）反映';
  const html = renderToString(<PrivacyHighlight text={text} findings={scanText(text)} />);
  expect(html).toContain('&lt;b>来电人<mark id="pii-1" class="pii pii-name" data-type="name" data-start="6" data-end="9" title="姓名">');
  expect(html).toContain('>姓名：</span>王建国<span');
  expect(html).toContain('title="手机号码"');
  expect(html).toContain('>手机号码：</span>13812345678<span');
  expect(html).toContain('data-findings="2"');
  expect(html).not.toContain('<b>');
});

it('shows the gate status in the label', () => {
  const text = '当事人：张三，身份证号码：11010519491231002X。';
  const { findings } = checkPublishable({ text, policy: 'punitive' });
  const html = renderToString(<PrivacyHighlight text={text} findings={findings} idPrefix="f" />);
  expect(html).toContain('class="pii pii-name pii-exempt"');
  expect(html).toContain('title="姓名（依法保留）"');
  expect(html).toContain('title="身份证号码（待处理）"');
  expect(html).toContain('id="f-2"');
});

it('renders the text unchanged when there is nothing to mark, and skips overlapping or stale findings', () => {
  expect(renderToString(<PrivacyHighlight text="无个人信息" findings={[]} />)).toBe('<div class="privacy-highlight" data-findings="0" style="white-space:pre-wrap">无个人信息</div>');
  const html = renderToString(
    <PrivacyHighlight
      text="abcdef"
      findings={[
        { type: 'name', start: 0, end: 3, text: 'abc' },
        { type: 'mobile', start: 2, end: 4, text: 'cd' },
        { type: 'email', start: 5, end: 99, text: 'f' },
      ]}
    />,
  );
  expect(html).toContain('data-findings="1"');
  expect(html).toContain('def</div>');
});
