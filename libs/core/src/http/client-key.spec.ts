import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { clientKeyOf } from './client-key.js';

const from = (ip: string | undefined) =>
  ({ ip, socket: { remoteAddress: '10.9.9.9' } }) as unknown as Request;

describe('clientKeyOf', () => {
  it('is the IPv4 address Express settled on', () => {
    expect(clientKeyOf(from('203.0.113.7'))).toBe('203.0.113.7');
    expect(clientKeyOf(from('::ffff:203.0.113.7'))).toBe('203.0.113.7');
  });

  it('counts an IPv6 address by its /56, so one network is one client', () => {
    expect(clientKeyOf(from('2001:db8:aa:bb01::1'))).toBe(clientKeyOf(from('2001:db8:aa:bbff::2')));
    expect(clientKeyOf(from('2001:db8:aa:bb01::1'))).not.toBe(
      clientKeyOf(from('2001:db8:aa:cc01::1')),
    );
  });

  it('falls back to the socket address when Express has none', () => {
    expect(clientKeyOf(from(undefined))).toBe('10.9.9.9');
  });
});
