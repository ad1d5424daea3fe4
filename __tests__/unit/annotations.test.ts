import { beforeAll, beforeEach, describe, expect, jest, test } from '@jest/globals'
import type { AnnotationProperties } from '@actions/core'

// The toolkit is ESM: mock it before importing the module under test.
const error = jest.fn<(message: string, props?: AnnotationProperties) => void>()
// The action's face loads every module of the folder, so the rest of the toolkit stays real.
const actual = await import('@actions/core')
jest.unstable_mockModule('@actions/core', () => ({ ...actual, error }))
let mod: typeof import('../../src/action/index.js')
let cfg: typeof import('../../src/config/index.js')
beforeAll(async () => {
  mod = await import('../../src/action/index.js')
  cfg = await import('../../src/config/index.js')
})
beforeEach(() => {
  error.mockClear()
})

describe('annotateConfigErrors', () => {
  test('each ConfigError becomes core.error on the file, relative to the workspace, at its line and column', () => {
    const errs = new cfg.ConfigErrors([
      new cfg.ConfigError(
        '/ws/.github/mirror.yaml',
        3,
        5,
        'unknown key "platfroms" (did you mean "platforms"?)'
      ),
      new cfg.ConfigError('/ws/.github/mirror.yaml', 9, 1, 'invalid reference')
    ])
    const list = mod.positionedErrors(errs)!
    expect(mod.annotateConfigErrors(list, { workspace: '/ws' })).toBe(2)
    expect(error.mock.calls).toEqual([
      [
        'unknown key "platfroms" (did you mean "platforms"?)',
        { title: 'Mirror config error', file: '.github/mirror.yaml', startLine: 3, startColumn: 5 }
      ],
      [
        'invalid reference',
        { title: 'Mirror config error', file: '.github/mirror.yaml', startLine: 9, startColumn: 1 }
      ]
    ])
  })

  test.each([
    ['outside the workspace keeps the absolute path', '/elsewhere/m.yaml', '/elsewhere/m.yaml'],
    ['already relative stays relative', 'conf/m.yaml', 'conf/m.yaml']
  ])('%s', (_n, file, want) => {
    mod.annotateConfigErrors([new cfg.ConfigError(file, 1, 2, 'x')], { workspace: '/ws' })
    expect(error.mock.calls[0]![1]).toMatchObject({ file: want, startLine: 1, startColumn: 2 })
  })

  test('the inline images input has no file: the position goes into the message', () => {
    mod.annotateConfigErrors([new cfg.ConfigError("input 'images'", 2, 7, 'bad')], {
      workspace: '/ws',
      inlineName: "input 'images'"
    })
    expect(error.mock.calls).toEqual([
      ["input 'images' line 2, column 7: bad", { title: 'Mirror config error' }]
    ])
  })
})

describe('positionedErrors', () => {
  test.each([
    ['a plain Error', new Error('x'), undefined],
    ['null', null, undefined],
    ['an empty list', { errors: [] }, undefined],
    [
      'a list with one unpositioned error',
      { errors: [{ file: 'f', line: 1, col: 1, message: 'm' }, new Error('x')] },
      undefined
    ]
  ])('%s is not a config error', (_n, e, want) => expect(mod.positionedErrors(e)).toEqual(want))

  test('a single ConfigError is a list of one', () => {
    const e = new cfg.ConfigError('f.yaml', 1, 1, 'x')
    expect(mod.positionedErrors(e)).toEqual([e])
    expect(mod.bareMessage(e)).toBe('x')
  })

  test('a line break in the message stays visible instead of splitting the annotation', () => {
    mod.annotateConfigErrors([new cfg.ConfigError('m.yaml', 1, 2, '"a\n::error::b" is not a valid tag')], {
      workspace: '/ws'
    })
    expect(error.mock.calls[0]![0]).toBe('"a%0A::error::b" is not a valid tag')
  })
})

describe('annotateFailedImages', () => {
  const failed = (line: number, error = 'DENIED') => ({
    source: `docker.io/library/app:${line}`,
    target: `mirror.example/app:${line}`,
    error,
    position: { line, col: 3 }
  })

  test("a failed image's annotation points at its entry's line in the config file", () => {
    expect(mod.annotateFailedImages([failed(7), failed(12)], { file: '.github/mirror.yaml' })).toBe(2)
    expect(error.mock.calls).toEqual([
      [
        'docker.io/library/app:7 → mirror.example/app:7: DENIED',
        { title: 'Mirror failed', file: '.github/mirror.yaml', startLine: 7, startColumn: 3 }
      ],
      [
        'docker.io/library/app:12 → mirror.example/app:12: DENIED',
        { title: 'Mirror failed', file: '.github/mirror.yaml', startLine: 12, startColumn: 3 }
      ]
    ])
  })

  test('the images input has no file: the line goes into the message; remote text stays one line', () => {
    mod.annotateFailedImages([failed(4, 'bad\n::error::x')], { inlineName: "input 'images'" })
    expect(error.mock.calls).toEqual([
      [
        "input 'images' line 4: docker.io/library/app:4 → mirror.example/app:4: bad%0A::error::x",
        { title: 'Mirror failed' }
      ]
    ])
  })

  test('at most MAX_IMAGE_ANNOTATIONS annotations', () => {
    const many = Array.from({ length: mod.MAX_IMAGE_ANNOTATIONS + 5 }, (_, i) => failed(i + 1))
    expect(mod.annotateFailedImages(many, { file: 'm.yaml' })).toBe(mod.MAX_IMAGE_ANNOTATIONS)
    expect(error).toHaveBeenCalledTimes(mod.MAX_IMAGE_ANNOTATIONS)
  })
})
