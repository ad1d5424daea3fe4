/** Which token realms get a registry's credentials (realmGetsCredentials), and realm parsing. */
import { describe, expect, test } from '@jest/globals'
import { RegistryError } from '../../src/http/index.js'
import { parseRealm, realmGetsCredentials } from '../../src/registry/index.js'

const PLAIN = /plain HTTP while the registry is reached over HTTPS/
const NOT_LISTED = /is not in registries\."[^"]+"\.token-realms/

describe('realmGetsCredentials', () => {
  test.each<[string, string, string, string, string[] | undefined, true | RegExp]>([
    // name, registry, registry scheme, realm, token-realms, expected
    [
      'Aliyun ACR names dockerauth',
      'registry.cn-hangzhou.aliyuncs.com',
      'https:',
      'https://dockerauth.cn-hangzhou.aliyuncs.com/auth',
      undefined,
      true
    ],
    [
      'GitLab names gitlab.com',
      'registry.gitlab.com',
      'https:',
      'https://gitlab.com/jwt/auth',
      undefined,
      true
    ],
    [
      'the registry host itself, another port',
      'harbor.example.com',
      'https:',
      'https://harbor.example.com:8443/service/token',
      undefined,
      true
    ],
    [
      'plain-HTTP registry, plain-HTTP realm elsewhere',
      '10.0.0.5:5000',
      'http:',
      'http://10.0.0.6:5001/token',
      undefined,
      true
    ],
    [
      'plain-HTTP registry, HTTPS realm',
      '127.0.0.1:5000',
      'http:',
      'https://auth.example.com/token',
      undefined,
      true
    ],
    [
      'HTTPS registry, plain-HTTP realm elsewhere',
      'registry.example.com',
      'https:',
      'http://auth.example.com/token',
      undefined,
      PLAIN
    ],
    [
      'HTTPS registry, plain-HTTP realm on its own host',
      'registry.example.com',
      'https:',
      'http://registry.example.com:5001/token',
      undefined,
      PLAIN
    ],
    [
      'HTTPS registry, plain-HTTP realm, even when listed',
      'registry.example.com',
      'https:',
      'http://auth.example.com/token',
      ['auth.example.com'],
      PLAIN
    ],
    [
      'token-realms [] keeps them off another host',
      'registry.cn-hangzhou.aliyuncs.com',
      'https:',
      'https://dockerauth.cn-hangzhou.aliyuncs.com/auth',
      [],
      NOT_LISTED
    ],
    [
      'token-realms [] still allows the registry host',
      'harbor.example.com',
      'https:',
      'https://harbor.example.com/service/token',
      [],
      true
    ],
    [
      "token-realms [] still allows Docker Hub's own realm",
      'registry-1.docker.io',
      'https:',
      'https://auth.docker.io/token',
      [],
      true
    ],
    [
      'token-realms lists the host name',
      'registry.gitlab.com',
      'https:',
      'https://gitlab.com/jwt/auth',
      ['GitLab.com'],
      true
    ],
    [
      'token-realms lists host:port',
      'r.example.com',
      'https:',
      'https://auth.example.com:8443/t',
      ['auth.example.com:8443'],
      true
    ],
    [
      'token-realms lists another port',
      'r.example.com',
      'https:',
      'https://auth.example.com:8443/t',
      ['auth.example.com:9443'],
      NOT_LISTED
    ],
    [
      'token-realms lists other hosts',
      'r.example.com',
      'https:',
      'https://auth.example.com/t',
      ['auth.example.org', 'example.com'],
      NOT_LISTED
    ],
    ['IPv6 loopback registry and realm host', '[::1]:5000', 'http:', 'http://[::1]:5001/token', [], true],
    ['IPv6 realm listed', '127.0.0.1:5000', 'http:', 'http://[::1]:5001/token', ['[::1]'], true]
  ])('%s', (_name, registry, registryProtocol, realm, tokenRealms, want) => {
    const a = realmGetsCredentials({ registry, registryProtocol, realm: new URL(realm), tokenRealms })
    if (want === true) expect(a).toEqual({ send: true })
    else {
      expect(a.send).toBe(false)
      expect(a.send === false && a.reason).toMatch(want)
    }
  })

  test('the reason names the realm host and the registry', () => {
    const a = realmGetsCredentials({
      registry: 'registry.cn-hangzhou.aliyuncs.com',
      registryProtocol: 'https:',
      realm: new URL('https://dockerauth.cn-hangzhou.aliyuncs.com/auth'),
      tokenRealms: []
    })
    expect(a).toEqual({
      send: false,
      reason:
        'the token realm\'s host dockerauth.cn-hangzhou.aliyuncs.com is not in registries."registry.cn-hangzhou.aliyuncs.com".token-realms'
    })
  })
})

describe('parseRealm', () => {
  test.each([
    ['https://auth.example.com/token', 'https://auth.example.com/token'],
    ['http://127.0.0.1:5001/token?x=1', 'http://127.0.0.1:5001/token?x=1']
  ])('%s', (realm, href) => expect(parseRealm('r', realm).href).toBe(href))

  test.each([
    ['not a url', /invalid token realm/],
    ['file:///etc/passwd', /token realm with scheme file:/],
    ['ftp://auth.example.com/token', /token realm with scheme ftp:/]
  ])('%s is refused', (realm, msg) => {
    expect(() => parseRealm('r.example.com', realm)).toThrow(RegistryError)
    expect(() => parseRealm('r.example.com', realm)).toThrow(msg)
  })
})
