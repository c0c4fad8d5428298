import { describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, JSONWebKeySet, jwtVerify, SignJWT } from 'jose';
import { RemoteKeySet, ResilientKeySet } from './key-set.js';

async function keysAndToken() {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwks: JSONWebKeySet = {
    keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }],
  };
  const token = await new SignJWT({ email: 'ana@example.com' })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setExpirationTime('5m')
    .sign(privateKey);
  return { jwks, token };
}

/** A remote set that has fetched `jwks` once and now fails every fetch. */
function failingRemote(jwks: JSONWebKeySet | undefined) {
  let fetches = 0;
  const remote = Object.assign(
    async () => {
      fetches += 1;
      throw new TypeError('fetch failed');
    },
    { jwks: () => jwks },
  ) as unknown as RemoteKeySet;
  return { remote, fetches: () => fetches };
}

describe('ResilientKeySet', () => {
  it('keeps verifying with the last set fetched while the provider is down, retrying after a cooldown', async () => {
    const { jwks, token } = await keysAndToken();
    const { remote, fetches } = failingRemote(jwks);
    let now = 0;
    const keys = new ResilientKeySet(remote, () => now);

    await expect(jwtVerify(token, keys.getKey)).resolves.toBeDefined();
    await expect(jwtVerify(token, keys.getKey)).resolves.toBeDefined();
    expect(fetches()).toBe(1);
    now += 31_000;
    await expect(jwtVerify(token, keys.getKey)).resolves.toBeDefined();
    expect(fetches()).toBe(2);
  });

  it('fails as the fetch failed when it never had a set', async () => {
    const { token } = await keysAndToken();
    const keys = new ResilientKeySet(failingRemote(undefined).remote);
    await expect(jwtVerify(token, keys.getKey)).rejects.toThrow('fetch failed');
  });
});
