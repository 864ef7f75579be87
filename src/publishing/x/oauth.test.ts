import { describe, expect, it } from 'vitest';
import { baseStringUri, hmacSha1Signature, newNonce, percentEncode, signatureBaseString, signRequest } from './oauth.js';

describe('OAuth 1.0a signing (known answers)', () => {
  it("reproduces X's documented example signature (docs: Creating a signature)", () => {
    const signed = signRequest(
      {
        consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
        consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
        token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
        tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
      },
      'POST',
      'https://api.twitter.com/1.1/statuses/update.json?include_entities=true',
      {
        nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
        timestamp: 1318622958,
        formParams: [['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']],
      },
    );
    expect(signed.signature).toBe('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
    expect(signed.header).toBe(
      'OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", ' +
        'oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1318622958", ' +
        'oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0"',
    );
  });

  it('reproduces the RFC 5849 §1.2 photos request signature', () => {
    const base = signatureBaseString('GET', 'http://photos.example.net/photos?file=vacation.jpg&size=original', [
      ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
      ['oauth_token', 'nnch734d00sl2jdk'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131202'],
      ['oauth_nonce', 'chapoH'],
    ]);
    expect(hmacSha1Signature(base, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00')).toBe('MdpQcU8iPSUjWoN/UDMsK2sui9I=');
  });

  it('builds the RFC 5849 §3.4.1.1 base string (repeated names, empty values, encoded query, form body)', () => {
    const base = signatureBaseString('post', 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b', [
      ['oauth_consumer_key', '9djdj82h48djs9d2'],
      ['oauth_token', 'kkk9d7dh3k39sjv7'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131201'],
      ['oauth_nonce', '7d8f3e4a'],
      ['c2', ''],
      ['a3', '2 q'],
    ]);
    expect(base).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26' +
        'oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26' +
        'oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });
});

describe('OAuth 1.0a pieces', () => {
  it('percent-encodes per RFC 3986 (unreserved kept, UTF-8, upper-case hex)', () => {
    expect(percentEncode("A-z0.9_~ !*'()&=+/,:é😀")).toBe('A-z0.9_~%20%21%2A%27%28%29%26%3D%2B%2F%2C%3A%C3%A9%F0%9F%98%80');
  });

  it('normalises the base string URI: lower-case scheme and host, default ports dropped, other ports kept', () => {
    expect(baseStringUri(new URL('HTTPS://API.X.com:443/2/tweets?x=1#frag'))).toBe('https://api.x.com/2/tweets');
    expect(baseStringUri(new URL('http://127.0.0.1:8080/2/users/me'))).toBe('http://127.0.0.1:8080/2/users/me');
    expect(baseStringUri(new URL('http://example.com:80/'))).toBe('http://example.com/');
  });

  it('uses a fresh alphanumeric nonce and the current time by default', () => {
    const a = newNonce();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newNonce()).not.toBe(a);
    const signed = signRequest({ consumerKey: 'k', consumerSecret: 's', token: 't', tokenSecret: 'ts' }, 'GET', 'https://api.x.com/2/users/me');
    const ts = Number(/oauth_timestamp="(\d+)"/.exec(signed.header)?.[1]);
    expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(5);
  });
});
