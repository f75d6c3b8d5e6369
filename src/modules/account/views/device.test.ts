import { describe, expect, it } from 'vitest';
import { translator } from '../../../kernel/i18n/index.js';
import { describeDevice } from './device.js';

const t = translator('ca');

describe('naming the device of a session', () => {
  it('names the browser and the system people know', () => {
    expect(describeDevice('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', t)).toBe('Firefox a Linux');
    expect(describeDevice('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', t)).toBe('Safari a iOS');
    expect(describeDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0', t)).toBe('Edge a Windows');
    expect(describeDevice('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', t)).toBe('Chrome a macOS');
  });

  it('says "unknown" rather than guessing', () => {
    expect(describeDevice(null, t)).toBe('Navegador desconegut');
    expect(describeDevice('SomeBot/1.0', t)).toBe('Navegador desconegut');
    expect(describeDevice('curl/8.5.0', t)).toBe('curl');
  });
});
