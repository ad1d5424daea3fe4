import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  BUNDLE_MEDIA_TYPE,
  IN_TOTO_PAYLOAD_TYPE,
  SIGNATURE_ANNOTATION,
  SIMPLE_SIGNING_MEDIA_TYPE,
  base64,
  bundleReferrer,
  checkBundle,
  checkSimpleSigning,
  legacySignatureImage,
  loadKeys,
  obj,
  pae,
  parse,
  require_dist as require_dist2,
  require_dist2 as require_dist3,
  require_v2,
  signStatement,
  simpleSigningPayload,
  simpleSigningProblem,
  statementProblem,
  verifiesWith
} from "./chunk-FEOPKHWH.js";
import {
  parseArchiveName
} from "./chunk-VEICCP2J.js";
import {
  DESTINATION_CAPABILITIES
} from "./chunk-D2XFNDIC.js";
import {
  HttpTransport,
  RegistryError,
  ThroughputMeter,
  acquireFileLock,
  deadlineFired,
  failure,
  floorFor,
  header,
  isStream,
  networkError,
  parseOciErrors,
  redactText,
  redactUrl,
  streamed,
  timeoutsFor,
  validateOciRefName
} from "./chunk-JP4LBSLD.js";
import {
  DOCKER_HUB,
  DeadlineError,
  DeadlineScope,
  MANIFEST_ACCEPT_ALL,
  MANIFEST_LIMIT,
  MediaType,
  RetryPolicy,
  Schema1Error,
  algorithmOf,
  answeredInPlainHttp,
  baseMediaType,
  causes,
  checkDeadline,
  deadlineOf,
  detectMediaType,
  digestOf,
  errorCode,
  familiarRegistry,
  formatPlatform,
  formatReference,
  formatRepository,
  isAttestationEntry,
  isForeignLayer,
  isImageManifest,
  isIndex,
  isLoopbackHost,
  isRetryable,
  isRetryableStatus,
  isSchema1,
  isTlsVerifyError,
  isValidTag,
  ownResult,
  parsePlatform,
  parseReference,
  platformMatches,
  rateLimited,
  registryKey,
  rewriteIndex,
  selectEntries,
  sha256Digest,
  sideOf,
  spent,
  statusOf,
  withDeadline
} from "./chunk-GLN5MOBS.js";
import {
  require_dist,
  require_parse,
  require_range,
  require_valid
} from "./chunk-X5B6F3PX.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-2LP65WJO.js";

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias3 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap6 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar4 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq7 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar4(node) || isCollection(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias3;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap6;
    exports.isNode = isNode;
    exports.isPair = isPair2;
    exports.isScalar = isScalar4;
    exports.isSeq = isSeq7;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key3, node, visitor, path2) {
      const ctrl = callVisitor(key3, node, visitor, path2);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key3, path2, ctrl);
        return visit_(key3, ctrl, visitor, path2);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path2 = Object.freeze(path2.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path2);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path2 = Object.freeze(path2.concat(node));
          const ck = visit_("key", node.key, visitor, path2);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path2);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key3, node, visitor, path2) {
      const ctrl = await callVisitor(key3, node, visitor, path2);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key3, path2, ctrl);
        return visitAsync_(key3, ctrl, visitor, path2);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path2 = Object.freeze(path2.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path2);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path2 = Object.freeze(path2.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path2);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path2);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key3, node, visitor, path2) {
      if (typeof visitor === "function")
        return visitor(key3, node, path2);
      if (identity.isMap(node))
        return visitor.Map?.(key3, node, path2);
      if (identity.isSeq(node))
        return visitor.Seq?.(key3, node, path2);
      if (identity.isPair(node))
        return visitor.Pair?.(key3, node, path2);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key3, node, path2);
      if (identity.isAlias(node))
        return visitor.Alias?.(key3, node, path2);
      return void 0;
    }
    function replaceNode(key3, path2, node) {
      const parent = path2[path2.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key3] = node;
      } else if (identity.isPair(parent)) {
        if (key3 === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name2 = parts.shift();
        switch (name2) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name2}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name2 = `${prefix}${i}`;
        if (!exclude.has(name2))
          return name2;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj2, key3, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj2, key3, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar2 = class extends Node.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar2.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar2.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar2.PLAIN = "PLAIN";
    Scalar2.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar2.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar2;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar2 = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar2.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar2.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path2, value) {
      let v = value;
      for (let i = path2.length - 1; i >= 0; --i) {
        const k = path2[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path2) => path2 == null || typeof path2 === "object" && !!path2[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path2, value) {
        if (isEmptyPath(path2))
          this.add(value);
        else {
          const [key3, ...rest] = path2;
          const node = this.get(key3, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key3, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key3}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path2) {
        const [key3, ...rest] = path2;
        if (rest.length === 0)
          return this.delete(key3);
        const node = this.get(key3, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key3}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path2, keepScalar) {
        const [key3, ...rest] = path2;
        const node = this.get(key3, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path2) {
        const [key3, ...rest] = path2;
        if (rest.length === 0)
          return this.has(key3);
        const node = this.get(key3, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path2, value) {
        const [key3, ...rest] = path2;
        if (rest.length === 0) {
          this.set(key3, value);
        } else {
          const node = this.get(key3, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key3, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key3}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str, indent, comment) => str.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text, i, indent) {
      let end = i;
      let start2 = i + 1;
      let ch = text[start2];
      while (ch === " " || ch === "	") {
        if (i < start2 + indent) {
          ch = text[++i];
        } else {
          do {
            ch = text[++i];
          } while (ch && ch !== "\n");
          end = i;
          start2 = i + 1;
          ch = text[start2];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar2 = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
    function lineLengthOverLimit(str, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start2 = 0; i < strLen; ++i) {
        if (str[i] === "\n") {
          if (i - start2 > limit)
            return true;
          start2 = i + 1;
          if (strLen - start2 <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str = "";
      let start2 = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str += json.slice(start2, i) + "\\ ";
          i += 1;
          start2 = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str += json.slice(start2, i);
                const code2 = json.substr(i + 2, 4);
                switch (code2) {
                  case "0000":
                    str += "\\0";
                    break;
                  case "0007":
                    str += "\\a";
                    break;
                  case "000b":
                    str += "\\v";
                    break;
                  case "001b":
                    str += "\\e";
                    break;
                  case "0085":
                    str += "\\N";
                    break;
                  case "00a0":
                    str += "\\_";
                    break;
                  case "2028":
                    str += "\\L";
                    break;
                  case "2029":
                    str += "\\P";
                    break;
                  default:
                    if (code2.substr(0, 2) === "00")
                      str += "\\x" + code2.substr(2);
                    else
                      str += json.substr(i, 6);
                }
                i += 5;
                start2 = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str += json.slice(start2, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str += "\n";
                  i += 2;
                }
                str += indent;
                if (json[i + 2] === " ")
                  str += "\\";
                i += 1;
                start2 = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str = start2 ? str + json.slice(start2) : json;
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar2.Scalar.BLOCK_FOLDED ? false : type === Scalar2.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start2 = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start2) {
        value = value.substring(start2.length);
        start2 = start2.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header2 = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header2 += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar2.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start2}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header2}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header2}
${indent}${start2}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar2.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar2.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar2.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar2.Scalar.BLOCK_FOLDED:
          case Scalar2.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar2.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar2.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar2.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj2;
      if (identity.isScalar(item)) {
        obj2 = item.value;
        let match = tags.filter((t) => t.identify?.(obj2));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj2 = item;
        tagObj = tags.find((t) => t.nodeClass && obj2 instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name2 = obj2?.constructor?.name ?? (obj2 === null ? "null" : typeof obj2);
        throw new Error(`Tag not resolved for ${name2} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str;
      return identity.isScalar(node) || str[0] === "{" || str[0] === "[" ? `${props} ${str}` : `${props}
${ctx.indent}${str}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar2 = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key: key3, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key3) && key3.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key3) || !identity.isNode(key3) && typeof key3 === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key3 || keyComment && value == null && !ctx.inFlow || identity.isCollection(key3) || (identity.isScalar(key3) ? key3.type === Scalar2.Scalar.BLOCK_FOLDED || key3.type === Scalar2.Scalar.BLOCK_LITERAL : typeof key3 === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str = stringify.stringify(key3, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str === "" ? "?" : explicitKey ? `? ${str}` : str;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}
${indent}:`;
      } else {
        str = `${str}:`;
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports.debug = debug;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar2 = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar2.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key3) => (merge.identify(key3) || identity.isScalar(key3) && (!key3.type || key3.type === Scalar2.Scalar.PLAIN) && merge.identify(key3.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key3, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key3))
            map.set(key3, value2);
        } else if (map instanceof Set) {
          map.add(key3);
        } else if (!Object.prototype.hasOwnProperty.call(map, key3)) {
          Object.defineProperty(map, key3, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key: key3, value }) {
      if (identity.isNode(key3) && key3.addToJSMap)
        key3.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key3))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key3, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key3, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key3, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key3) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key3.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key3, value, ctx) {
      const k = createNode.createNode(key3, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key3, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key3;
        this.value = value;
      }
      clone(schema) {
        let { key: key3, value } = this;
        if (identity.isNode(key3))
          key3 = key3.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key3, value);
      }
      toJSON(_, ctx) {
        const pair2 = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair2, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str2 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str2);
      }
      let str;
      if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
      } else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes("\n"));
        if (i < items.length - 1) {
          str += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str += ",";
          }
        }
        if (comment)
          str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
      }
      const { start: start2, end } = flowChars;
      if (lines.length === 0) {
        return start2 + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str = start2;
          for (const line of lines)
            str += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str}
${indent}${end}`;
        } else {
          return `${start2}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar2 = require_Scalar();
    function findPair(items, key3) {
      const k = identity.isScalar(key3) ? key3.value : key3;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key3 || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj2, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key3, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj2, key3, value);
          else if (Array.isArray(replacer) && !replacer.includes(key3))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key3, value, ctx));
        };
        if (obj2 instanceof Map) {
          for (const [key3, value] of obj2)
            add(key3, value);
        } else if (obj2 && typeof obj2 === "object") {
          for (const key3 of Object.keys(obj2))
            add(key3, obj2[key3]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair2, overwrite) {
        let _pair;
        if (identity.isPair(pair2))
          _pair = pair2;
        else if (!pair2 || typeof pair2 !== "object" || !("key" in pair2)) {
          _pair = new Pair.Pair(pair2, pair2?.value);
        } else
          _pair = new Pair.Pair(pair2.key, pair2.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar2.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key3) {
        const it = findPair(this.items, key3);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key3, keepScalar) {
        const it = findPair(this.items, key3);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key3) {
        return !!findPair(this.items, key3);
      }
      set(key3, value) {
        this.add(new Pair.Pair(key3, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj2, ctx) => YAMLMap.YAMLMap.from(schema, obj2, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar2 = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key3) {
        const idx = asItemIndex(key3);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key3, keepScalar) {
        const idx = asItemIndex(key3);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key3) {
        const idx = asItemIndex(key3);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key3, value) {
        const idx = asItemIndex(key3);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key3}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar2.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj2, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj2 && Symbol.iterator in Object(obj2)) {
          let i = 0;
          for (let it of obj2) {
            if (typeof replacer === "function") {
              const key3 = obj2 instanceof Set ? it : String(i++);
              it = replacer.call(obj2, key3, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key3) {
      let idx = identity.isScalar(key3) ? key3.value : key3;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj2, ctx) => YAMLSeq.YAMLSeq.from(schema, obj2, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str) => str,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar2 = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar2.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar2.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar2 = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str) => new Scalar2.Scalar(str[0] === "t" || str[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar2 = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str) {
        const node = new Scalar2.Scalar(parseFloat(str));
        const dot = str.indexOf(".");
        if (dot !== -1 && str[str.length - 1] === "0")
          node.minFractionDigits = str.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar2 = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str) => str,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar2.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str) => str === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str) => parseFloat(str),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar2 = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str.length);
          for (let i = 0; i < str.length; ++i)
            buffer[i] = str.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str;
        if (typeof node_buffer.Buffer === "function") {
          str = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar2.Scalar.BLOCK_LITERAL);
        if (type !== Scalar2.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str.substr(o, lineWidth);
          }
          str = lines.join(type === Scalar2.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar2 = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair2 = item.items[0] || new Pair.Pair(new Scalar2.Scalar(null));
            if (item.commentBefore)
              pair2.key.commentBefore = pair2.key.commentBefore ? `${item.commentBefore}
${pair2.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair2.value ?? pair2.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair2;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key3, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key3 = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key3 = keys[0];
              value = it[key3];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key3 = it;
          }
          pairs2.items.push(Pair.createPair(key3, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair2 of this.items) {
          let key3, value;
          if (identity.isPair(pair2)) {
            key3 = toJS.toJS(pair2.key, "", ctx);
            value = toJS.toJS(pair2.value, key3, ctx);
          } else {
            key3 = toJS.toJS(pair2, "", ctx);
          }
          if (map.has(key3))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key3, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key: key3 } of pairs$1.items) {
          if (identity.isScalar(key3)) {
            if (seenKeys.includes(key3.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key3.value}`);
            } else {
              seenKeys.push(key3.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar2 = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar2.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar2.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar2 = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str) {
        const node = new Scalar2.Scalar(parseFloat(str.replace(/_/g, "")));
        const dot = str.indexOf(".");
        if (dot !== -1) {
          const f = str.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str, offset, radix, { intAsBigInt }) {
      const sign2 = str[0];
      if (sign2 === "-" || sign2 === "+")
        offset += 1;
      str = str.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str = `0b${str}`;
            break;
          case 8:
            str = `0o${str}`;
            break;
          case 16:
            str = `0x${str}`;
            break;
        }
        const n2 = BigInt(str);
        return sign2 === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str, radix);
      return sign2 === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? "-" + prefix + str.substr(1) : prefix + str;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key3) {
        let pair2;
        if (identity.isPair(key3))
          pair2 = key3;
        else if (key3 && typeof key3 === "object" && "key" in key3 && "value" in key3 && key3.value === null)
          pair2 = new Pair.Pair(key3.key, null);
        else
          pair2 = new Pair.Pair(key3, null);
        const prev = YAMLMap.findPair(this.items, pair2.key);
        if (!prev)
          this.items.push(pair2);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key3, keepPair) {
        const pair2 = YAMLMap.findPair(this.items, key3);
        return !keepPair && identity.isPair(pair2) ? identity.isScalar(pair2.key) ? pair2.key.value : pair2.key : pair2;
      }
      set(key3, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key3);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key3));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str, asBigInt) {
      const sign2 = str[0];
      const parts = sign2 === "-" || sign2 === "+" ? str.substring(1) : str;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
      return sign2 === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = (n) => n;
      if (typeof value === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign2 = "";
      if (value < 0) {
        sign2 = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign2 + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str) => parseSexagesimal(str, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key3) => key3 !== "yaml11").map((key3) => JSON.stringify(key3)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key3) => JSON.stringify(key3)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path2, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path2, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name2) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name2 || prev.has(name2) ? anchors.findNewAnchor(name2 || "a", prev) : name2;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key3, value, options = {}) {
        const k = this.createNode(key3, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key3) {
        return assertCollection(this.contents) ? this.contents.delete(key3) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path2) {
        if (Collection.isEmptyPath(path2)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path2) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key3, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key3, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path2, keepScalar) {
        if (Collection.isEmptyPath(path2))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path2, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key3) {
        return identity.isCollection(this.contents) ? this.contents.has(key3) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path2) {
        if (Collection.isEmptyPath(path2))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path2) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key3, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key3], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key3, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path2, value) {
        if (Collection.isEmptyPath(path2)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path2), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path2, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name2, pos, code2, message) {
        super();
        this.name = name2;
        this.code = code2;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code2, message) {
        super("YAMLParseError", pos, code2, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code2, message) {
        super("YAMLWarning", pos, code2, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens2, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start2 = null;
      for (const token of tokens2) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start2 ?? (start2 = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start2 ?? (start2 = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens2[tokens2.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start2 ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key3) {
      if (!key3)
        return null;
      switch (key3.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key3.source.includes("\n"))
            return true;
          if (key3.end) {
            for (const st of key3.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key3.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair2) => isEqual(pair2.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start: start2, key: key3, sep, value } = collItem;
        const keyProps = resolveProps.resolveProps(start2, {
          indicator: "explicit-key-ind",
          next: key3 ?? sep?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key3) {
            if (key3.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key3 && key3.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key3)) {
            onError(key3 ?? start2[start2.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key3 ? composeNode(ctx, key3, keyProps, onError) : composeEmptyNode(ctx, keyStart, start2, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key3, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key3 || key3.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair2 = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair2.srcToken = collItem;
          map.items.push(pair2);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair2 = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair2.srcToken = collItem;
          map.items.push(pair2);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start: start2, value } of bs.items) {
        const props = resolveProps.resolveProps(start2, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start2, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep + cb;
              sep = "";
              break;
            }
            case "newline":
              if (comment)
                sep += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap6 = fc.start.source === "{";
      const fcName = isMap6 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap6 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start: start2, key: key3, sep, value } = collItem;
        const props = resolveProps.resolveProps(start2, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key3 ?? sep?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap6 && ctx.options.strict && utilContainsNewline.containsNewline(key3))
            onError(
              key3,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start2) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap6 && !sep && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key3 ? composeNode(ctx, key3, props, onError) : composeEmptyNode(ctx, keyStart, start2, null, props, onError);
          if (isBlock(key3))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap6 && !props.found && ctx.options.strict) {
              if (sep)
                for (const st of sep) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair2 = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair2.srcToken = collItem;
          if (isMap6) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair2);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair2);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap6 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name2 = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name2} must end with a ${expectedEnd}` : `${name2} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar2 = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar2.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar2 = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start2 = scalar.offset;
      const header2 = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header2)
        return { value: "", type: null, comment: "", range: [start2, start2, start2] };
      const type = header2.mode === ">" ? Scalar2.Scalar.BLOCK_FOLDED : Scalar2.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header2.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start2 + header2.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header2.comment, range: [start2, end2, end2] };
      }
      let trimIndent = scalar.indent + header2.indent;
      let offset = scalar.offset + header2.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header2.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header2.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header2.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar2.Scalar.BLOCK_LITERAL) {
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep === " ")
            sep = "\n";
          else if (!prevMoreIndented && sep === "\n")
            sep = "\n\n";
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep === "\n")
            value += "\n";
          else
            sep = "\n";
        } else {
          value += sep + content;
          sep = " ";
          prevMoreIndented = false;
        }
      }
      switch (header2.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start2 + header2.length + scalar.source.length;
      return { value, type, comment: header2.comment, range: [start2, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar2 = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code2, msg) => onError(offset + rel, code2, msg);
      switch (type) {
        case "scalar":
          _type = Scalar2.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar2.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar2.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep === "\n")
            res += sep;
          else
            sep = "\n";
        } else {
          res += sep + lm;
          sep = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code2 = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code2);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar2 = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar2.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar2.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start: start2, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start2, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start2, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code2, message, warning) => {
          const pos = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code2, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code2, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens2, forceDoc = false, endOffset = -1) {
        for (const token of tokens2)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code2, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code2, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code2, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header2 = token.props[0];
            if (header2.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header2.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header2 = token.props[0];
        if (header2.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header2.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key3 of Object.keys(token))
          if (key3 !== "type" && key3 !== "offset")
            delete token[key3];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key3 of Object.keys(token))
            if (key3 !== "type" && key3 !== "offset")
              delete token[key3];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start: start2, key: key3, sep, value }) {
      let res = "";
      for (const st of start2)
        res += st.source;
      if (key3)
        res += stringifyToken(key3);
      if (sep)
        for (const st of sep)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path2) => {
      let item = cst;
      for (const [field, index] of path2) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path2) => {
      const parent = visit.itemAtPath(cst, path2.slice(0, -1));
      const field = path2[path2.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path2, item, visitor) {
      let ctrl = visitor(item, path2);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path2.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path2);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path2) : ctrl;
    }
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar4 = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar4;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty2(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty2(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty2(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty2(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty2(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty2(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty2(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty2(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty2(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty2(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty2(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty2(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter4 = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start2 = this.lineStarts[low - 1];
          return { line: low, col: offset - start2 + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter4;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list2, type) {
      for (let i = 0; i < list2.length; ++i)
        if (list2[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list2) {
      for (let i = 0; i < list2.length; ++i) {
        switch (list2[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser2 = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token = error ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start2 = getFirstKeyStartProps(prev);
          let sep;
          if (scalar.end) {
            sep = scalar.end;
            sep.push(this.sourceToken);
            delete scalar.end;
          } else
            sep = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start: start2, key: scalar, sep }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start2 = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start2 = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start2.push(this.sourceToken);
                map.items.push({ start: start2 });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start2.push(this.sourceToken);
                map.items.push({ start: start2, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start3 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start3, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start3 = getFirstKeyStartProps(it.start);
                  const key3 = it.key;
                  const sep = it.sep;
                  sep.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start3, key: key3, sep }]
                  });
                } else if (start2.length > 0) {
                  it.sep = it.sep.concat(start2, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start: start2, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start: start2, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start: start2 });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start2 = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep = fc.end.splice(1, fc.end.length);
            sep.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start: start2, key: fc, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start2 = getFirstKeyStartProps(prev);
            start2.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: start2, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start2 = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: start2, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start2, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start2.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser2;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument4(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse3(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument4(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports.parse = parse3;
    exports.parseAllDocuments = parseAllDocuments;
    exports.parseDocument = parseDocument4;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist4 = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar2 = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar2.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

// node_modules/@sigstore/verify/dist/bundle/dsse.js
var require_dsse = __commonJS({
  "node_modules/@sigstore/verify/dist/bundle/dsse.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.DSSESignatureContent = void 0;
    var core_1 = require_dist3();
    var DSSESignatureContent = class {
      env;
      constructor(env) {
        this.env = env;
      }
      compareDigest(digest) {
        return core_1.crypto.bufferEqual(digest, core_1.crypto.digest("sha256", this.env.payload));
      }
      compareSignature(signature) {
        return core_1.crypto.bufferEqual(signature, this.signature);
      }
      verifySignature(key3) {
        return core_1.crypto.verify(this.preAuthEncoding, key3, this.signature);
      }
      get signature() {
        return this.env.signatures.length > 0 ? this.env.signatures[0].sig : Buffer.from("");
      }
      // DSSE Pre-Authentication Encoding
      get preAuthEncoding() {
        return core_1.dsse.preAuthEncoding(this.env.payloadType, this.env.payload);
      }
    };
    exports.DSSESignatureContent = DSSESignatureContent;
  }
});

// node_modules/@sigstore/verify/dist/bundle/message.js
var require_message = __commonJS({
  "node_modules/@sigstore/verify/dist/bundle/message.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.MessageSignatureContent = void 0;
    var core_1 = require_dist3();
    var protobuf_specs_1 = require_dist();
    var HASH_ALGORITHM_MAP = {
      [protobuf_specs_1.HashAlgorithm.HASH_ALGORITHM_UNSPECIFIED]: "sha256",
      [protobuf_specs_1.HashAlgorithm.SHA2_256]: "sha256",
      [protobuf_specs_1.HashAlgorithm.SHA2_384]: "sha384",
      [protobuf_specs_1.HashAlgorithm.SHA2_512]: "sha512",
      [protobuf_specs_1.HashAlgorithm.SHA3_256]: "sha3-256",
      [protobuf_specs_1.HashAlgorithm.SHA3_384]: "sha3-384"
    };
    var MessageSignatureContent = class {
      signature;
      messageDigest;
      artifact;
      hashAlgorithm;
      constructor(messageSignature, artifact) {
        this.signature = messageSignature.signature;
        this.messageDigest = messageSignature.messageDigest.digest;
        this.artifact = artifact;
        this.hashAlgorithm = HASH_ALGORITHM_MAP[messageSignature.messageDigest.algorithm] ?? /* istanbul ignore next */
        "sha256";
      }
      compareSignature(signature) {
        return core_1.crypto.bufferEqual(signature, this.signature);
      }
      compareDigest(digest) {
        return core_1.crypto.bufferEqual(digest, this.messageDigest);
      }
      verifySignature(key3) {
        return core_1.crypto.verify(this.artifact, key3, this.signature, this.hashAlgorithm);
      }
    };
    exports.MessageSignatureContent = MessageSignatureContent;
  }
});

// node_modules/@sigstore/verify/dist/bundle/index.js
var require_bundle = __commonJS({
  "node_modules/@sigstore/verify/dist/bundle/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.toSignedEntity = toSignedEntity2;
    exports.signatureContent = signatureContent;
    var core_1 = require_dist3();
    var dsse_1 = require_dsse();
    var message_1 = require_message();
    function toSignedEntity2(bundle, artifact) {
      const { tlogEntries, timestampVerificationData } = bundle.verificationMaterial;
      const timestamps = [];
      for (const entry of tlogEntries) {
        if (entry.integratedTime && entry.integratedTime !== "0") {
          timestamps.push({
            $case: "transparency-log",
            tlogEntry: entry
          });
        }
      }
      for (const ts of timestampVerificationData?.rfc3161Timestamps ?? []) {
        timestamps.push({
          $case: "timestamp-authority",
          timestamp: core_1.RFC3161Timestamp.parse(Buffer.from(ts.signedTimestamp))
        });
      }
      return {
        signature: signatureContent(bundle, artifact),
        key: key3(bundle),
        tlogEntries,
        timestamps
      };
    }
    function signatureContent(bundle, artifact) {
      switch (bundle.content.$case) {
        case "dsseEnvelope":
          return new dsse_1.DSSESignatureContent(bundle.content.dsseEnvelope);
        case "messageSignature":
          return new message_1.MessageSignatureContent(bundle.content.messageSignature, artifact);
      }
    }
    function key3(bundle) {
      switch (bundle.verificationMaterial.content.$case) {
        case "publicKey":
          return {
            $case: "public-key",
            hint: bundle.verificationMaterial.content.publicKey.hint
          };
        case "x509CertificateChain":
          return {
            $case: "certificate",
            certificate: core_1.X509Certificate.parse(Buffer.from(bundle.verificationMaterial.content.x509CertificateChain.certificates[0].rawBytes))
          };
        case "certificate":
          return {
            $case: "certificate",
            certificate: core_1.X509Certificate.parse(Buffer.from(bundle.verificationMaterial.content.certificate.rawBytes))
          };
      }
    }
  }
});

// node_modules/@sigstore/verify/dist/error.js
var require_error = __commonJS({
  "node_modules/@sigstore/verify/dist/error.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.PolicyError = exports.VerificationError = void 0;
    var BaseError = class extends Error {
      code;
      cause;
      /* eslint-disable-line @typescript-eslint/no-explicit-any */
      constructor({ code: code2, message, cause }) {
        super(message);
        this.code = code2;
        this.cause = cause;
        this.name = this.constructor.name;
      }
    };
    var VerificationError = class extends BaseError {
    };
    exports.VerificationError = VerificationError;
    var PolicyError = class extends BaseError {
    };
    exports.PolicyError = PolicyError;
  }
});

// node_modules/@sigstore/verify/dist/trust/filter.js
var require_filter = __commonJS({
  "node_modules/@sigstore/verify/dist/trust/filter.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.filterCertAuthorities = filterCertAuthorities;
    exports.filterTLogAuthorities = filterTLogAuthorities;
    function filterCertAuthorities(certAuthorities, timestamp) {
      return certAuthorities.filter((ca) => {
        return ca.validFor.start <= timestamp && ca.validFor.end >= timestamp;
      });
    }
    function filterTLogAuthorities(tlogAuthorities, criteria) {
      return tlogAuthorities.filter((tlog) => {
        if (criteria.logID && !tlog.logID.equals(criteria.logID)) {
          return false;
        }
        return tlog.validFor.start <= criteria.targetDate && criteria.targetDate <= tlog.validFor.end;
      });
    }
  }
});

// node_modules/@sigstore/verify/dist/trust/index.js
var require_trust = __commonJS({
  "node_modules/@sigstore/verify/dist/trust/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.filterTLogAuthorities = exports.filterCertAuthorities = void 0;
    exports.toTrustMaterial = toTrustMaterial2;
    var core_1 = require_dist3();
    var protobuf_specs_1 = require_dist();
    var error_1 = require_error();
    var BEGINNING_OF_TIME = /* @__PURE__ */ new Date(0);
    var END_OF_TIME = /* @__PURE__ */ new Date(864e13);
    var filter_1 = require_filter();
    Object.defineProperty(exports, "filterCertAuthorities", { enumerable: true, get: function() {
      return filter_1.filterCertAuthorities;
    } });
    Object.defineProperty(exports, "filterTLogAuthorities", { enumerable: true, get: function() {
      return filter_1.filterTLogAuthorities;
    } });
    function toTrustMaterial2(root, keys) {
      const keyFinder = typeof keys === "function" ? keys : keyLocator(keys);
      return {
        certificateAuthorities: root.certificateAuthorities.map(createCertAuthority),
        timestampAuthorities: root.timestampAuthorities.map(createCertAuthority),
        tlogs: root.tlogs.map(createTLogAuthority),
        ctlogs: root.ctlogs.map(createTLogAuthority),
        publicKey: keyFinder
      };
    }
    function createTLogAuthority(tlogInstance) {
      const keyDetails = tlogInstance.publicKey.keyDetails;
      const keyType = keyDetails === protobuf_specs_1.PublicKeyDetails.PKCS1_RSA_PKCS1V5 || keyDetails === protobuf_specs_1.PublicKeyDetails.PKIX_RSA_PKCS1V5 || keyDetails === protobuf_specs_1.PublicKeyDetails.PKIX_RSA_PKCS1V15_2048_SHA256 || keyDetails === protobuf_specs_1.PublicKeyDetails.PKIX_RSA_PKCS1V15_3072_SHA256 || keyDetails === protobuf_specs_1.PublicKeyDetails.PKIX_RSA_PKCS1V15_4096_SHA256 ? "pkcs1" : "spki";
      return {
        baseURL: tlogInstance.baseUrl,
        logID: tlogInstance.checkpointKeyId ? tlogInstance.checkpointKeyId.keyId : tlogInstance.logId.keyId,
        publicKey: core_1.crypto.createPublicKey(tlogInstance.publicKey.rawBytes, keyType),
        validFor: {
          start: tlogInstance.publicKey.validFor?.start || BEGINNING_OF_TIME,
          end: tlogInstance.publicKey.validFor?.end || END_OF_TIME
        }
      };
    }
    function createCertAuthority(ca) {
      return {
        certChain: ca.certChain.certificates.map((cert) => {
          return core_1.X509Certificate.parse(Buffer.from(cert.rawBytes));
        }),
        validFor: {
          start: ca.validFor?.start || BEGINNING_OF_TIME,
          end: ca.validFor?.end || END_OF_TIME
        }
      };
    }
    function keyLocator(keys) {
      return (hint) => {
        const key3 = (keys || {})[hint];
        if (!key3) {
          throw new error_1.VerificationError({
            code: "PUBLIC_KEY_ERROR",
            message: `key not found: ${hint}`
          });
        }
        return {
          publicKey: core_1.crypto.createPublicKey(key3.rawBytes),
          validFor: (date) => {
            return (key3.validFor?.start || BEGINNING_OF_TIME) <= date && (key3.validFor?.end || END_OF_TIME) >= date;
          }
        };
      };
    }
  }
});

// node_modules/@sigstore/verify/dist/key/certificate.js
var require_certificate = __commonJS({
  "node_modules/@sigstore/verify/dist/key/certificate.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.CertificateChainVerifier = void 0;
    exports.verifyCertificateChain = verifyCertificateChain;
    var error_1 = require_error();
    var trust_1 = require_trust();
    function verifyCertificateChain(timestamp, leaf, certificateAuthorities) {
      const cas = (0, trust_1.filterCertAuthorities)(certificateAuthorities, timestamp);
      let error;
      for (const ca of cas) {
        try {
          const verifier = new CertificateChainVerifier({
            trustedCerts: ca.certChain,
            untrustedCert: leaf,
            timestamp
          });
          return verifier.verify();
        } catch (err) {
          error = err;
        }
      }
      throw new error_1.VerificationError({
        code: "CERTIFICATE_ERROR",
        message: "Failed to verify certificate chain",
        cause: error
      });
    }
    var CertificateChainVerifier = class {
      untrustedCert;
      trustedCerts;
      localCerts;
      timestamp;
      constructor(opts) {
        this.untrustedCert = opts.untrustedCert;
        this.trustedCerts = opts.trustedCerts;
        this.localCerts = dedupeCertificates([
          ...opts.trustedCerts,
          opts.untrustedCert
        ]);
        this.timestamp = opts.timestamp;
      }
      verify() {
        const certificatePath = this.sort();
        this.checkPath(certificatePath);
        const validForDate = certificatePath.every((cert) => cert.validForDate(this.timestamp));
        if (!validForDate) {
          throw new error_1.VerificationError({
            code: "CERTIFICATE_ERROR",
            message: "certificate is not valid or expired at the specified date"
          });
        }
        return certificatePath;
      }
      sort() {
        const leafCert = this.untrustedCert;
        let paths = this.buildPaths(leafCert);
        paths = paths.filter((path3) => path3.some((cert) => this.trustedCerts.includes(cert)));
        if (paths.length === 0) {
          throw new error_1.VerificationError({
            code: "CERTIFICATE_ERROR",
            message: "no trusted certificate path found"
          });
        }
        const path2 = paths.reduce((prev, curr) => prev.length < curr.length ? prev : curr);
        return [leafCert, ...path2].slice(0, -1);
      }
      // Recursively build all possible paths from the leaf to the root
      buildPaths(certificate) {
        const paths = [];
        const issuers = this.findIssuer(certificate);
        if (issuers.length === 0) {
          throw new error_1.VerificationError({
            code: "CERTIFICATE_ERROR",
            message: "no valid certificate path found"
          });
        }
        for (let i = 0; i < issuers.length; i++) {
          const issuer = issuers[i];
          if (issuer.equals(certificate)) {
            paths.push([certificate]);
            continue;
          }
          const subPaths = this.buildPaths(issuer);
          for (let j = 0; j < subPaths.length; j++) {
            paths.push([issuer, ...subPaths[j]]);
          }
        }
        return paths;
      }
      // Return all possible issuers for the given certificate
      findIssuer(certificate) {
        let issuers = [];
        let keyIdentifier;
        if (certificate.subject.equals(certificate.issuer)) {
          if (certificate.verify()) {
            return [certificate];
          }
        }
        if (certificate.extAuthorityKeyID) {
          keyIdentifier = certificate.extAuthorityKeyID.keyIdentifier;
        }
        this.localCerts.forEach((possibleIssuer) => {
          if (keyIdentifier) {
            if (possibleIssuer.extSubjectKeyID) {
              if (possibleIssuer.extSubjectKeyID.keyIdentifier.equals(keyIdentifier)) {
                issuers.push(possibleIssuer);
              }
              return;
            }
          }
          if (possibleIssuer.subject.equals(certificate.issuer)) {
            issuers.push(possibleIssuer);
          }
        });
        issuers = issuers.filter((issuer) => {
          try {
            return certificate.verify(issuer);
          } catch (ex) {
            return false;
          }
        });
        return issuers;
      }
      checkPath(path2) {
        if (path2.length < 1) {
          throw new error_1.VerificationError({
            code: "CERTIFICATE_ERROR",
            message: "certificate chain must contain at least one certificate"
          });
        }
        const validCAs = path2.slice(1).every((cert) => cert.isCA);
        if (!validCAs) {
          throw new error_1.VerificationError({
            code: "CERTIFICATE_ERROR",
            message: "intermediate certificate is not a CA"
          });
        }
        for (let i = path2.length - 2; i >= 0; i--) {
          if (!path2[i].issuer.equals(path2[i + 1].subject)) {
            throw new error_1.VerificationError({
              code: "CERTIFICATE_ERROR",
              message: "incorrect certificate name chaining"
            });
          }
        }
        for (let i = 0; i < path2.length; i++) {
          const cert = path2[i];
          if (cert.extBasicConstraints?.isCA) {
            const pathLength = cert.extBasicConstraints.pathLenConstraint;
            if (pathLength !== void 0 && pathLength < i - 1) {
              throw new error_1.VerificationError({
                code: "CERTIFICATE_ERROR",
                message: "path length constraint exceeded"
              });
            }
          }
        }
      }
    };
    exports.CertificateChainVerifier = CertificateChainVerifier;
    function dedupeCertificates(certs) {
      for (let i = 0; i < certs.length; i++) {
        for (let j = i + 1; j < certs.length; j++) {
          if (certs[i].equals(certs[j])) {
            certs.splice(j, 1);
            j--;
          }
        }
      }
      return certs;
    }
  }
});

// node_modules/@sigstore/verify/dist/key/sct.js
var require_sct = __commonJS({
  "node_modules/@sigstore/verify/dist/key/sct.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.verifySCTs = verifySCTs;
    var core_1 = require_dist3();
    var error_1 = require_error();
    var trust_1 = require_trust();
    function verifySCTs(cert, issuer, ctlogs) {
      let extSCT;
      const clone = cert.clone();
      for (let i = 0; i < clone.extensions.length; i++) {
        const ext = clone.extensions[i];
        if (ext.subs[0].toOID() === core_1.EXTENSION_OID_SCT) {
          extSCT = new core_1.X509SCTExtension(ext);
          clone.extensions.splice(i, 1);
          break;
        }
      }
      if (!extSCT) {
        return [];
      }
      if (extSCT.signedCertificateTimestamps.length === 0) {
        return [];
      }
      const preCert = new core_1.ByteStream();
      const issuerId = core_1.crypto.digest("sha256", issuer.publicKey);
      preCert.appendView(issuerId);
      const tbs = clone.tbsCertificate.toDER();
      preCert.appendUint24(tbs.length);
      preCert.appendView(tbs);
      return extSCT.signedCertificateTimestamps.map((sct) => {
        const validCTLogs = (0, trust_1.filterTLogAuthorities)(ctlogs, {
          logID: sct.logID,
          targetDate: sct.datetime
        });
        const verified = validCTLogs.some((log) => sct.verify(preCert.buffer, log.publicKey));
        if (!verified) {
          throw new error_1.VerificationError({
            code: "CERTIFICATE_ERROR",
            message: "SCT verification failed"
          });
        }
        return sct.logID;
      });
    }
  }
});

// node_modules/@sigstore/verify/dist/key/index.js
var require_key = __commonJS({
  "node_modules/@sigstore/verify/dist/key/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.verifyPublicKey = verifyPublicKey;
    exports.verifyCertificate = verifyCertificate;
    var core_1 = require_dist3();
    var error_1 = require_error();
    var certificate_1 = require_certificate();
    var sct_1 = require_sct();
    var OID_FULCIO_ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";
    var OID_FULCIO_ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";
    function verifyPublicKey(hint, timestamps, trustMaterial) {
      const key3 = trustMaterial.publicKey(hint);
      timestamps.forEach((timestamp) => {
        if (!key3.validFor(timestamp)) {
          throw new error_1.VerificationError({
            code: "PUBLIC_KEY_ERROR",
            message: `Public key is not valid for timestamp: ${timestamp.toISOString()}`
          });
        }
      });
      return { key: key3.publicKey };
    }
    function verifyCertificate(leaf, timestamps, trustMaterial) {
      let path2 = [];
      timestamps.forEach((timestamp) => {
        path2 = (0, certificate_1.verifyCertificateChain)(timestamp, leaf, trustMaterial.certificateAuthorities);
      });
      return {
        scts: (0, sct_1.verifySCTs)(path2[0], path2[1], trustMaterial.ctlogs),
        signer: getSigner(path2[0])
      };
    }
    function getSigner(cert) {
      let issuer;
      const issuerExtension = cert.extension(OID_FULCIO_ISSUER_V2);
      if (issuerExtension) {
        issuer = issuerExtension.valueObj.subs?.[0]?.value.toString("ascii");
      } else {
        issuer = cert.extension(OID_FULCIO_ISSUER_V1)?.value.toString("ascii");
      }
      const oids = cert.extensions.map((ext) => {
        const oid = ext.subs[0].toOID();
        return {
          oid: { id: oid.split(".").map(Number) },
          value: ext.subs[ext.subs.length - 1].value
        };
      });
      const identity = {
        extensions: { issuer },
        subjectAlternativeName: cert.subjectAltName,
        oids
      };
      return {
        key: core_1.crypto.createPublicKey(cert.publicKey),
        identity
      };
    }
  }
});

// node_modules/@sigstore/verify/dist/policy.js
var require_policy = __commonJS({
  "node_modules/@sigstore/verify/dist/policy.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.verifySubjectAlternativeName = verifySubjectAlternativeName;
    exports.verifyExtensions = verifyExtensions;
    exports.verifyOIDs = verifyOIDs;
    var error_1 = require_error();
    function verifySubjectAlternativeName(policyIdentity, signerIdentity) {
      if (signerIdentity === void 0 || !signerIdentity.match(policyIdentity)) {
        throw new error_1.PolicyError({
          code: "UNTRUSTED_SIGNER_ERROR",
          message: `certificate identity error - expected ${policyIdentity}, got ${signerIdentity}`
        });
      }
    }
    function verifyExtensions(policyExtensions, signerExtensions = {}) {
      let key3;
      for (key3 in policyExtensions) {
        if (signerExtensions[key3] !== policyExtensions[key3]) {
          throw new error_1.PolicyError({
            code: "UNTRUSTED_SIGNER_ERROR",
            message: `invalid certificate extension - expected ${key3}=${policyExtensions[key3]}, got ${key3}=${signerExtensions[key3]}`
          });
        }
      }
    }
    function verifyOIDs(policyOIDs, signerOIDs = []) {
      for (const policyOID of policyOIDs) {
        const match = signerOIDs.find((signerOID) => oidEquals(policyOID.oid?.id, signerOID.oid?.id) && policyOID.value.equals(signerOID.value));
        if (!match) {
          const oid = policyOID.oid?.id.join(".") ?? "<unknown>";
          throw new error_1.PolicyError({
            code: "UNTRUSTED_SIGNER_ERROR",
            message: `invalid certificate extension - missing OID ${oid}`
          });
        }
      }
    }
    function oidEquals(a, b) {
      if (a === void 0 || b === void 0) {
        return false;
      }
      return a.length === b.length && a.every((v, i) => v === b[i]);
    }
  }
});

// node_modules/@sigstore/verify/dist/timestamp/tsa.js
var require_tsa = __commonJS({
  "node_modules/@sigstore/verify/dist/timestamp/tsa.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.verifyRFC3161Timestamp = verifyRFC3161Timestamp;
    var core_1 = require_dist3();
    var error_1 = require_error();
    var certificate_1 = require_certificate();
    var trust_1 = require_trust();
    function verifyRFC3161Timestamp(timestamp, data, timestampAuthorities) {
      const signingTime = timestamp.signingTime;
      timestampAuthorities = (0, trust_1.filterCertAuthorities)(timestampAuthorities, signingTime);
      timestampAuthorities = filterCAsBySerialAndIssuer(timestampAuthorities, {
        serialNumber: timestamp.signerSerialNumber,
        issuer: timestamp.signerIssuer
      });
      const verified = timestampAuthorities.some((ca) => {
        try {
          verifyTimestampForCA(timestamp, data, ca);
          return true;
        } catch (e) {
          return false;
        }
      });
      if (!verified) {
        throw new error_1.VerificationError({
          code: "TIMESTAMP_ERROR",
          message: "timestamp could not be verified"
        });
      }
    }
    function verifyTimestampForCA(timestamp, data, ca) {
      const [leaf, ...cas] = ca.certChain;
      const signingKey = core_1.crypto.createPublicKey(leaf.publicKey);
      const signingTime = timestamp.signingTime;
      try {
        new certificate_1.CertificateChainVerifier({
          untrustedCert: leaf,
          trustedCerts: cas,
          timestamp: signingTime
        }).verify();
      } catch (e) {
        throw new error_1.VerificationError({
          code: "TIMESTAMP_ERROR",
          message: "invalid certificate chain"
        });
      }
      timestamp.verify(data, signingKey);
    }
    function filterCAsBySerialAndIssuer(timestampAuthorities, criteria) {
      return timestampAuthorities.filter((ca) => ca.certChain.length > 0 && core_1.crypto.bufferEqual(ca.certChain[0].serialNumber, criteria.serialNumber) && core_1.crypto.bufferEqual(ca.certChain[0].issuer, criteria.issuer));
    }
  }
});

// node_modules/@sigstore/verify/dist/timestamp/index.js
var require_timestamp2 = __commonJS({
  "node_modules/@sigstore/verify/dist/timestamp/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getTSATimestamp = getTSATimestamp;
    exports.getTLogTimestamp = getTLogTimestamp;
    var tsa_1 = require_tsa();
    function getTSATimestamp(timestamp, data, timestampAuthorities) {
      (0, tsa_1.verifyRFC3161Timestamp)(timestamp, data, timestampAuthorities);
      return {
        type: "timestamp-authority",
        logID: timestamp.signerSerialNumber,
        timestamp: timestamp.signingTime
      };
    }
    function getTLogTimestamp(entry) {
      if (!entry.inclusionPromise) {
        return void 0;
      }
      return {
        type: "transparency-log",
        logID: entry.logId.keyId,
        timestamp: new Date(Number(entry.integratedTime) * 1e3)
      };
    }
  }
});

// node_modules/@sigstore/verify/dist/tlog/dsse.js
var require_dsse2 = __commonJS({
  "node_modules/@sigstore/verify/dist/tlog/dsse.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.DSSE_API_VERSION_V1 = void 0;
    exports.verifyDSSETLogBody = verifyDSSETLogBody;
    exports.verifyDSSETLogBodyV2 = verifyDSSETLogBodyV2;
    var error_1 = require_error();
    exports.DSSE_API_VERSION_V1 = "0.0.1";
    function verifyDSSETLogBody(tlogEntry, content) {
      switch (tlogEntry.apiVersion) {
        case exports.DSSE_API_VERSION_V1:
          return verifyDSSE001TLogBody(tlogEntry, content);
        default:
          throw new error_1.VerificationError({
            code: "TLOG_BODY_ERROR",
            message: `unsupported dsse version: ${tlogEntry.apiVersion}`
          });
      }
    }
    function verifyDSSETLogBodyV2(tlogEntry, content) {
      const spec = tlogEntry.spec?.spec;
      if (!spec) {
        throw new error_1.VerificationError({
          code: "TLOG_BODY_ERROR",
          message: `missing dsse spec`
        });
      }
      switch (spec.$case) {
        case "dsseV002":
          return verifyDSSE002TLogBody(spec.dsseV002, content);
        default:
          throw new error_1.VerificationError({
            code: "TLOG_BODY_ERROR",
            message: `unsupported version: ${spec.$case}`
          });
      }
    }
    function verifyDSSE001TLogBody(tlogEntry, content) {
      if (tlogEntry.spec.signatures?.length !== 1) {
        throw new error_1.VerificationError({
          code: "TLOG_BODY_ERROR",
          message: "signature count mismatch"
        });
      }
      const tlogSig = tlogEntry.spec.signatures[0].signature;
      if (!content.compareSignature(Buffer.from(tlogSig, "base64")))
        throw new error_1.VerificationError({
          code: "TLOG_BODY_ERROR",
          message: "tlog entry signature mismatch"
        });
      const tlogHash = tlogEntry.spec.payloadHash?.value || "";
      if (!content.compareDigest(Buffer.from(tlogHash, "hex"))) {
        throw new error_1.VerificationError({
          code: "TLOG_BODY_ERROR",
          message: "DSSE payload hash mismatch"
        });
      }
    }
    function verifyDSSE002TLogBody(spec, content) {
      if (spec.signatures?.length !== 1) {
        throw new error_1.VerificationError({
          code: "TLOG_BODY_ERROR",
          message: "signature count mismatch"
        });
      }
      const tlogSig = spec.signatures[0].content;
      if (!content.compareSignature(tlogSig))
        throw new error_1.VerificationError({
          code: "TLOG_BODY_ERROR",
          message: "tlog entry signature mismatch"
        });
      const tlogHash = spec.payloadHash?.digest || Buffer.from("");
      if (!content.compareDigest(tlogHash)) {
        throw new error_1.VerificationError({
          code: "TLOG_BODY_ERROR",
          message: "DSSE payload hash mismatch"
        });
      }
    }
  }
});

// node_modules/@sigstore/verify/dist/tlog/hashedrekord.js
var require_hashedrekord = __commonJS({
  "node_modules/@sigstore/verify/dist/tlog/hashedrekord.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.HASHEDREKORD_API_VERSION_V1 = void 0;
    exports.verifyHashedRekordTLogBody = verifyHashedRekordTLogBody;
    exports.verifyHashedRekordTLogBodyV2 = verifyHashedRekordTLogBodyV2;
    var error_1 = require_error();
    exports.HASHEDREKORD_API_VERSION_V1 = "0.0.1";
    function verifyHashedRekordTLogBody(tlogEntry, content) {
      switch (tlogEntry.apiVersion) {
        case exports.HASHEDREKORD_API_VERSION_V1:
          return verifyHashedrekord001TLogBody(tlogEntry, content);
        default:
          throw new error_1.VerificationError({
            code: "TLOG_BODY_ERROR",
            message: `unsupported hashedrekord version: ${tlogEntry.apiVersion}`
          });
      }
    }
    function verifyHashedRekordTLogBodyV2(tlogEntry, content) {
      const spec = tlogEntry.spec?.spec;
      if (!spec) {
        throw new error_1.VerificationError({
          code: "TLOG_BODY_ERROR",
          message: `missing dsse spec`
        });
      }
      switch (spec.$case) {
        case "hashedRekordV002":
          return verifyHashedrekord002TLogBody(spec.hashedRekordV002, content);
        default:
          throw new error_1.VerificationError({
            code: "TLOG_BODY_ERROR",
            message: `unsupported version: ${spec.$case}`
          });
      }
    }
    function verifyHashedrekord001TLogBody(tlogEntry, content) {
      const tlogSig = tlogEntry.spec.signature.content || "";
      if (!content.compareSignature(Buffer.from(tlogSig, "base64"))) {
        throw new error_1.VerificationError({
          code: "TLOG_BODY_ERROR",
          message: "signature mismatch"
        });
      }
      const tlogDigest = tlogEntry.spec.data.hash?.value || "";
      if (!content.compareDigest(Buffer.from(tlogDigest, "hex"))) {
        throw new error_1.VerificationError({
          code: "TLOG_BODY_ERROR",
          message: "digest mismatch"
        });
      }
    }
    function verifyHashedrekord002TLogBody(spec, content) {
      const tlogSig = spec.signature?.content || Buffer.from("");
      if (!content.compareSignature(tlogSig)) {
        throw new error_1.VerificationError({
          code: "TLOG_BODY_ERROR",
          message: "signature mismatch"
        });
      }
      const tlogHash = spec.data?.digest || Buffer.from("");
      if (!content.compareDigest(tlogHash)) {
        throw new error_1.VerificationError({
          code: "TLOG_BODY_ERROR",
          message: "digest mismatch"
        });
      }
    }
  }
});

// node_modules/@sigstore/verify/dist/tlog/intoto.js
var require_intoto = __commonJS({
  "node_modules/@sigstore/verify/dist/tlog/intoto.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.verifyIntotoTLogBody = verifyIntotoTLogBody;
    var error_1 = require_error();
    function verifyIntotoTLogBody(tlogEntry, content) {
      switch (tlogEntry.apiVersion) {
        case "0.0.2":
          return verifyIntoto002TLogBody(tlogEntry, content);
        default:
          throw new error_1.VerificationError({
            code: "TLOG_BODY_ERROR",
            message: `unsupported intoto version: ${tlogEntry.apiVersion}`
          });
      }
    }
    function verifyIntoto002TLogBody(tlogEntry, content) {
      if (tlogEntry.spec.content.envelope.signatures?.length !== 1) {
        throw new error_1.VerificationError({
          code: "TLOG_BODY_ERROR",
          message: "signature count mismatch"
        });
      }
      const tlogSig = base64Decode(tlogEntry.spec.content.envelope.signatures[0].sig);
      if (!content.compareSignature(Buffer.from(tlogSig, "base64"))) {
        throw new error_1.VerificationError({
          code: "TLOG_BODY_ERROR",
          message: "tlog entry signature mismatch"
        });
      }
      const tlogHash = tlogEntry.spec.content.payloadHash?.value || "";
      if (!content.compareDigest(Buffer.from(tlogHash, "hex"))) {
        throw new error_1.VerificationError({
          code: "TLOG_BODY_ERROR",
          message: "DSSE payload hash mismatch"
        });
      }
    }
    function base64Decode(str) {
      return Buffer.from(str, "base64").toString("utf-8");
    }
  }
});

// node_modules/@sigstore/verify/dist/tlog/checkpoint.js
var require_checkpoint = __commonJS({
  "node_modules/@sigstore/verify/dist/tlog/checkpoint.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.LogCheckpoint = void 0;
    exports.verifyCheckpoint = verifyCheckpoint;
    var core_1 = require_dist3();
    var error_1 = require_error();
    var CHECKPOINT_SEPARATOR = "\n\n";
    var SIGNATURE_REGEX = /\u2014 (\S+) (\S+)\n/g;
    function verifyCheckpoint(entry, tlogs) {
      const inclusionProof = entry.inclusionProof;
      const signedNote = SignedNote.fromString(inclusionProof.checkpoint.envelope);
      const checkpoint = LogCheckpoint.fromString(signedNote.note);
      if (!verifySignedNote(signedNote, tlogs)) {
        throw new error_1.VerificationError({
          code: "TLOG_INCLUSION_PROOF_ERROR",
          message: "invalid checkpoint signature"
        });
      }
      return checkpoint;
    }
    function verifySignedNote(signedNote, tlogs) {
      const data = Buffer.from(signedNote.note, "utf-8");
      return signedNote.signatures.some((signature) => {
        const tlog = tlogs.find(
          (tlog2) => core_1.crypto.bufferEqual(tlog2.logID.subarray(0, 4), signature.keyHint) && tlog2.baseURL.match(signature.name)
          // Match the name to the base URL of the tlog
        );
        if (!tlog) {
          return false;
        }
        return core_1.crypto.verify(data, tlog.publicKey, signature.signature);
      });
    }
    var SignedNote = class _SignedNote {
      note;
      signatures;
      constructor(note, signatures) {
        this.note = note;
        this.signatures = signatures;
      }
      // Deserialize a SignedNote from a string
      static fromString(envelope) {
        if (!envelope.includes(CHECKPOINT_SEPARATOR)) {
          throw new error_1.VerificationError({
            code: "TLOG_INCLUSION_PROOF_ERROR",
            message: "missing checkpoint separator"
          });
        }
        const split = envelope.indexOf(CHECKPOINT_SEPARATOR);
        const header2 = envelope.slice(0, split + 1);
        const data = envelope.slice(split + CHECKPOINT_SEPARATOR.length);
        const matches = data.matchAll(SIGNATURE_REGEX);
        const signatures = Array.from(matches, (match) => {
          const [, name2, signature] = match;
          const sigBytes = Buffer.from(signature, "base64");
          if (sigBytes.length < 5) {
            throw new error_1.VerificationError({
              code: "TLOG_INCLUSION_PROOF_ERROR",
              message: "malformed checkpoint signature"
            });
          }
          return {
            name: name2,
            keyHint: sigBytes.subarray(0, 4),
            signature: sigBytes.subarray(4)
          };
        });
        if (signatures.length === 0) {
          throw new error_1.VerificationError({
            code: "TLOG_INCLUSION_PROOF_ERROR",
            message: "no signatures found in checkpoint"
          });
        }
        return new _SignedNote(header2, signatures);
      }
    };
    var LogCheckpoint = class _LogCheckpoint {
      origin;
      logSize;
      logHash;
      rest;
      constructor(origin, logSize, logHash, rest) {
        this.origin = origin;
        this.logSize = logSize;
        this.logHash = logHash;
        this.rest = rest;
      }
      static fromString(note) {
        const lines = note.trimEnd().split("\n");
        if (lines.length < 3) {
          throw new error_1.VerificationError({
            code: "TLOG_INCLUSION_PROOF_ERROR",
            message: "too few lines in checkpoint header"
          });
        }
        const origin = lines[0];
        const logSize = BigInt(lines[1]);
        const rootHash = Buffer.from(lines[2], "base64");
        const rest = lines.slice(3);
        return new _LogCheckpoint(origin, logSize, rootHash, rest);
      }
    };
    exports.LogCheckpoint = LogCheckpoint;
  }
});

// node_modules/@sigstore/verify/dist/tlog/merkle.js
var require_merkle = __commonJS({
  "node_modules/@sigstore/verify/dist/tlog/merkle.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.verifyMerkleInclusion = verifyMerkleInclusion;
    var core_1 = require_dist3();
    var error_1 = require_error();
    var RFC6962_LEAF_HASH_PREFIX = Buffer.from([0]);
    var RFC6962_NODE_HASH_PREFIX = Buffer.from([1]);
    function verifyMerkleInclusion(entry, checkpoint) {
      const inclusionProof = entry.inclusionProof;
      const logIndex = BigInt(inclusionProof.logIndex);
      const treeSize = BigInt(checkpoint.logSize);
      if (logIndex < 0n || logIndex >= treeSize) {
        throw new error_1.VerificationError({
          code: "TLOG_INCLUSION_PROOF_ERROR",
          message: `invalid index: ${logIndex}`
        });
      }
      const { inner, border } = decompInclProof(logIndex, treeSize);
      if (inclusionProof.hashes.length !== inner + border) {
        throw new error_1.VerificationError({
          code: "TLOG_INCLUSION_PROOF_ERROR",
          message: "invalid hash count"
        });
      }
      const innerHashes = inclusionProof.hashes.slice(0, inner);
      const borderHashes = inclusionProof.hashes.slice(inner);
      const leafHash = hashLeaf(entry.canonicalizedBody);
      const calculatedHash = chainBorderRight(chainInner(leafHash, innerHashes, logIndex), borderHashes);
      if (!core_1.crypto.bufferEqual(calculatedHash, checkpoint.logHash)) {
        throw new error_1.VerificationError({
          code: "TLOG_INCLUSION_PROOF_ERROR",
          message: "calculated root hash does not match inclusion proof"
        });
      }
    }
    function decompInclProof(index, size) {
      const inner = innerProofSize(index, size);
      const border = onesCount(index >> BigInt(inner));
      return { inner, border };
    }
    function chainInner(seed, hashes, index) {
      return hashes.reduce((acc, h, i) => {
        if (index >> BigInt(i) & BigInt(1)) {
          return hashChildren(h, acc);
        } else {
          return hashChildren(acc, h);
        }
      }, seed);
    }
    function chainBorderRight(seed, hashes) {
      return hashes.reduce((acc, h) => hashChildren(h, acc), seed);
    }
    function innerProofSize(index, size) {
      return bitLength(index ^ size - BigInt(1));
    }
    function onesCount(num) {
      return num.toString(2).split("1").length - 1;
    }
    function bitLength(n) {
      if (n === 0n) {
        return 0;
      }
      return n.toString(2).length;
    }
    function hashChildren(left, right) {
      return core_1.crypto.digest("sha256", RFC6962_NODE_HASH_PREFIX, left, right);
    }
    function hashLeaf(leaf) {
      return core_1.crypto.digest("sha256", RFC6962_LEAF_HASH_PREFIX, leaf);
    }
  }
});

// node_modules/@sigstore/verify/dist/tlog/set.js
var require_set2 = __commonJS({
  "node_modules/@sigstore/verify/dist/tlog/set.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.verifyTLogSET = verifyTLogSET;
    var core_1 = require_dist3();
    var error_1 = require_error();
    var trust_1 = require_trust();
    function verifyTLogSET(entry, tlogs) {
      const validTLogs = (0, trust_1.filterTLogAuthorities)(tlogs, {
        logID: entry.logId.keyId,
        targetDate: new Date(Number(entry.integratedTime) * 1e3)
      });
      const verified = validTLogs.some((tlog) => {
        const payload = toVerificationPayload(entry);
        const data = Buffer.from(core_1.json.canonicalize(payload), "utf8");
        const signature = entry.inclusionPromise.signedEntryTimestamp;
        return core_1.crypto.verify(data, tlog.publicKey, signature);
      });
      if (!verified) {
        throw new error_1.VerificationError({
          code: "TLOG_INCLUSION_PROMISE_ERROR",
          message: "inclusion promise could not be verified"
        });
      }
    }
    function toVerificationPayload(entry) {
      const { integratedTime, logIndex, logId, canonicalizedBody } = entry;
      return {
        body: canonicalizedBody.toString("base64"),
        integratedTime: Number(integratedTime),
        logIndex: Number(logIndex),
        logID: logId.keyId.toString("hex")
      };
    }
  }
});

// node_modules/@sigstore/verify/dist/tlog/index.js
var require_tlog = __commonJS({
  "node_modules/@sigstore/verify/dist/tlog/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.verifyTLogBody = verifyTLogBody;
    exports.verifyTLogInclusion = verifyTLogInclusion;
    var v2_1 = require_v2();
    var error_1 = require_error();
    var dsse_1 = require_dsse2();
    var hashedrekord_1 = require_hashedrekord();
    var intoto_1 = require_intoto();
    var checkpoint_1 = require_checkpoint();
    var merkle_1 = require_merkle();
    var set_1 = require_set2();
    function verifyTLogBody(entry, sigContent) {
      const { kind, version } = entry.kindVersion;
      const body = JSON.parse(entry.canonicalizedBody.toString("utf8"));
      if (kind !== body.kind || version !== body.apiVersion) {
        throw new error_1.VerificationError({
          code: "TLOG_BODY_ERROR",
          message: `kind/version mismatch - expected: ${kind}/${version}, received: ${body.kind}/${body.apiVersion}`
        });
      }
      switch (kind) {
        case "dsse":
          if (version == dsse_1.DSSE_API_VERSION_V1) {
            return (0, dsse_1.verifyDSSETLogBody)(body, sigContent);
          } else {
            const entryRekorV2 = v2_1.Entry.fromJSON(body);
            return (0, dsse_1.verifyDSSETLogBodyV2)(entryRekorV2, sigContent);
          }
        case "intoto":
          return (0, intoto_1.verifyIntotoTLogBody)(body, sigContent);
        case "hashedrekord":
          if (version == hashedrekord_1.HASHEDREKORD_API_VERSION_V1) {
            return (0, hashedrekord_1.verifyHashedRekordTLogBody)(body, sigContent);
          } else {
            const entryRekorV2 = v2_1.Entry.fromJSON(body);
            return (0, hashedrekord_1.verifyHashedRekordTLogBodyV2)(entryRekorV2, sigContent);
          }
        /* istanbul ignore next */
        default:
          throw new error_1.VerificationError({
            code: "TLOG_BODY_ERROR",
            message: `unsupported kind: ${kind}`
          });
      }
    }
    function verifyTLogInclusion(entry, tlogAuthorities) {
      let inclusionVerified = false;
      if (isTLogEntryWithInclusionPromise(entry)) {
        (0, set_1.verifyTLogSET)(entry, tlogAuthorities);
        inclusionVerified = true;
      }
      if (isTLogEntryWithInclusionProof(entry)) {
        const checkpoint = (0, checkpoint_1.verifyCheckpoint)(entry, tlogAuthorities);
        (0, merkle_1.verifyMerkleInclusion)(entry, checkpoint);
        inclusionVerified = true;
      }
      if (!inclusionVerified) {
        throw new error_1.VerificationError({
          code: "TLOG_MISSING_INCLUSION_ERROR",
          message: "inclusion could not be verified"
        });
      }
      return;
    }
    function isTLogEntryWithInclusionPromise(entry) {
      return entry.inclusionPromise !== void 0;
    }
    function isTLogEntryWithInclusionProof(entry) {
      return entry.inclusionProof !== void 0;
    }
  }
});

// node_modules/@sigstore/verify/dist/verifier.js
var require_verifier = __commonJS({
  "node_modules/@sigstore/verify/dist/verifier.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Verifier = void 0;
    var util_1 = __require("util");
    var error_1 = require_error();
    var key_1 = require_key();
    var policy_1 = require_policy();
    var timestamp_1 = require_timestamp2();
    var tlog_1 = require_tlog();
    var Verifier2 = class {
      trustMaterial;
      options;
      constructor(trustMaterial, options = {}) {
        this.trustMaterial = trustMaterial;
        this.options = {
          ctlogThreshold: options.ctlogThreshold ?? 1,
          tlogThreshold: options.tlogThreshold ?? 1,
          timestampThreshold: options.timestampThreshold ?? options.tsaThreshold ?? 1,
          tsaThreshold: 0
        };
      }
      verify(entity, policy) {
        const timestamps = this.verifyTimestamps(entity);
        const signer = this.verifySigningKey(entity, timestamps);
        this.verifyTLogs(entity);
        this.verifySignature(entity, signer);
        if (policy) {
          this.verifyPolicy(policy, signer.identity || {});
        }
        return signer;
      }
      // Checks that all of the timestamps in the entity are valid and returns them
      verifyTimestamps(entity) {
        const timestamps = [];
        for (const timestamp of entity.timestamps) {
          switch (timestamp.$case) {
            case "timestamp-authority":
              timestamps.push((0, timestamp_1.getTSATimestamp)(timestamp.timestamp, entity.signature.signature, this.trustMaterial.timestampAuthorities));
              break;
            case "transparency-log": {
              const result = (0, timestamp_1.getTLogTimestamp)(timestamp.tlogEntry);
              if (result) {
                timestamps.push(result);
              }
              break;
            }
          }
        }
        if (containsDupes(timestamps)) {
          throw new error_1.VerificationError({
            code: "TIMESTAMP_ERROR",
            message: "duplicate timestamp"
          });
        }
        if (timestamps.length < this.options.timestampThreshold) {
          throw new error_1.VerificationError({
            code: "TIMESTAMP_ERROR",
            message: `expected ${this.options.timestampThreshold} timestamps, got ${timestamps.length}`
          });
        }
        return timestamps.map((t) => t.timestamp);
      }
      // Checks that the signing key is valid for all of the the supplied timestamps
      // and returns the signer.
      verifySigningKey({ key: key3 }, timestamps) {
        switch (key3.$case) {
          case "public-key": {
            return (0, key_1.verifyPublicKey)(key3.hint, timestamps, this.trustMaterial);
          }
          case "certificate": {
            const result = (0, key_1.verifyCertificate)(key3.certificate, timestamps, this.trustMaterial);
            if (containsDupes(result.scts)) {
              throw new error_1.VerificationError({
                code: "CERTIFICATE_ERROR",
                message: "duplicate SCT"
              });
            }
            if (result.scts.length < this.options.ctlogThreshold) {
              throw new error_1.VerificationError({
                code: "CERTIFICATE_ERROR",
                message: `expected ${this.options.ctlogThreshold} SCTs, got ${result.scts.length}`
              });
            }
            return result.signer;
          }
        }
      }
      // Checks that the tlog entries are valid for the supplied content
      verifyTLogs({ signature: content, tlogEntries }) {
        let tlogCount = 0;
        tlogEntries.forEach((entry) => {
          tlogCount++;
          (0, tlog_1.verifyTLogInclusion)(entry, this.trustMaterial.tlogs);
          (0, tlog_1.verifyTLogBody)(entry, content);
        });
        if (tlogCount < this.options.tlogThreshold) {
          throw new error_1.VerificationError({
            code: "TLOG_ERROR",
            message: `expected ${this.options.tlogThreshold} tlog entries, got ${tlogCount}`
          });
        }
      }
      // Checks that the signature is valid for the supplied content
      verifySignature(entity, signer) {
        if (!entity.signature.verifySignature(signer.key)) {
          throw new error_1.VerificationError({
            code: "SIGNATURE_ERROR",
            message: "signature verification failed"
          });
        }
      }
      verifyPolicy(policy, identity) {
        if (policy.subjectAlternativeName) {
          (0, policy_1.verifySubjectAlternativeName)(policy.subjectAlternativeName, identity.subjectAlternativeName);
        }
        if (policy.extensions) {
          (0, policy_1.verifyExtensions)(policy.extensions, identity.extensions);
        }
        if (policy.oids) {
          (0, policy_1.verifyOIDs)(policy.oids, identity.oids);
        }
      }
    };
    exports.Verifier = Verifier2;
    function containsDupes(arr) {
      for (let i = 0; i < arr.length; i++) {
        for (let j = i + 1; j < arr.length; j++) {
          if ((0, util_1.isDeepStrictEqual)(arr[i], arr[j])) {
            return true;
          }
        }
      }
      return false;
    }
  }
});

// node_modules/@sigstore/verify/dist/index.js
var require_dist5 = __commonJS({
  "node_modules/@sigstore/verify/dist/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Verifier = exports.toTrustMaterial = exports.VerificationError = exports.PolicyError = exports.toSignedEntity = void 0;
    var bundle_1 = require_bundle();
    Object.defineProperty(exports, "toSignedEntity", { enumerable: true, get: function() {
      return bundle_1.toSignedEntity;
    } });
    var error_1 = require_error();
    Object.defineProperty(exports, "PolicyError", { enumerable: true, get: function() {
      return error_1.PolicyError;
    } });
    Object.defineProperty(exports, "VerificationError", { enumerable: true, get: function() {
      return error_1.VerificationError;
    } });
    var trust_1 = require_trust();
    Object.defineProperty(exports, "toTrustMaterial", { enumerable: true, get: function() {
      return trust_1.toTrustMaterial;
    } });
    var verifier_1 = require_verifier();
    Object.defineProperty(exports, "Verifier", { enumerable: true, get: function() {
      return verifier_1.Verifier;
    } });
  }
});

// node_modules/tweetnacl/nacl-fast.js
var require_nacl_fast = __commonJS({
  "node_modules/tweetnacl/nacl-fast.js"(exports, module) {
    (function(nacl2) {
      "use strict";
      var gf = function(init) {
        var i, r = new Float64Array(16);
        if (init) for (i = 0; i < init.length; i++) r[i] = init[i];
        return r;
      };
      var randombytes = function() {
        throw new Error("no PRNG");
      };
      var _0 = new Uint8Array(16);
      var _9 = new Uint8Array(32);
      _9[0] = 9;
      var gf0 = gf(), gf1 = gf([1]), _121665 = gf([56129, 1]), D = gf([30883, 4953, 19914, 30187, 55467, 16705, 2637, 112, 59544, 30585, 16505, 36039, 65139, 11119, 27886, 20995]), D2 = gf([61785, 9906, 39828, 60374, 45398, 33411, 5274, 224, 53552, 61171, 33010, 6542, 64743, 22239, 55772, 9222]), X = gf([54554, 36645, 11616, 51542, 42930, 38181, 51040, 26924, 56412, 64982, 57905, 49316, 21502, 52590, 14035, 8553]), Y = gf([26200, 26214, 26214, 26214, 26214, 26214, 26214, 26214, 26214, 26214, 26214, 26214, 26214, 26214, 26214, 26214]), I = gf([41136, 18958, 6951, 50414, 58488, 44335, 6150, 12099, 55207, 15867, 153, 11085, 57099, 20417, 9344, 11139]);
      function ts64(x, i, h, l) {
        x[i] = h >> 24 & 255;
        x[i + 1] = h >> 16 & 255;
        x[i + 2] = h >> 8 & 255;
        x[i + 3] = h & 255;
        x[i + 4] = l >> 24 & 255;
        x[i + 5] = l >> 16 & 255;
        x[i + 6] = l >> 8 & 255;
        x[i + 7] = l & 255;
      }
      function vn(x, xi, y, yi, n) {
        var i, d = 0;
        for (i = 0; i < n; i++) d |= x[xi + i] ^ y[yi + i];
        return (1 & d - 1 >>> 8) - 1;
      }
      function crypto_verify_16(x, xi, y, yi) {
        return vn(x, xi, y, yi, 16);
      }
      function crypto_verify_32(x, xi, y, yi) {
        return vn(x, xi, y, yi, 32);
      }
      function core_salsa20(o, p, k, c) {
        var j0 = c[0] & 255 | (c[1] & 255) << 8 | (c[2] & 255) << 16 | (c[3] & 255) << 24, j1 = k[0] & 255 | (k[1] & 255) << 8 | (k[2] & 255) << 16 | (k[3] & 255) << 24, j2 = k[4] & 255 | (k[5] & 255) << 8 | (k[6] & 255) << 16 | (k[7] & 255) << 24, j3 = k[8] & 255 | (k[9] & 255) << 8 | (k[10] & 255) << 16 | (k[11] & 255) << 24, j4 = k[12] & 255 | (k[13] & 255) << 8 | (k[14] & 255) << 16 | (k[15] & 255) << 24, j5 = c[4] & 255 | (c[5] & 255) << 8 | (c[6] & 255) << 16 | (c[7] & 255) << 24, j6 = p[0] & 255 | (p[1] & 255) << 8 | (p[2] & 255) << 16 | (p[3] & 255) << 24, j7 = p[4] & 255 | (p[5] & 255) << 8 | (p[6] & 255) << 16 | (p[7] & 255) << 24, j8 = p[8] & 255 | (p[9] & 255) << 8 | (p[10] & 255) << 16 | (p[11] & 255) << 24, j9 = p[12] & 255 | (p[13] & 255) << 8 | (p[14] & 255) << 16 | (p[15] & 255) << 24, j10 = c[8] & 255 | (c[9] & 255) << 8 | (c[10] & 255) << 16 | (c[11] & 255) << 24, j11 = k[16] & 255 | (k[17] & 255) << 8 | (k[18] & 255) << 16 | (k[19] & 255) << 24, j12 = k[20] & 255 | (k[21] & 255) << 8 | (k[22] & 255) << 16 | (k[23] & 255) << 24, j13 = k[24] & 255 | (k[25] & 255) << 8 | (k[26] & 255) << 16 | (k[27] & 255) << 24, j14 = k[28] & 255 | (k[29] & 255) << 8 | (k[30] & 255) << 16 | (k[31] & 255) << 24, j15 = c[12] & 255 | (c[13] & 255) << 8 | (c[14] & 255) << 16 | (c[15] & 255) << 24;
        var x0 = j0, x1 = j1, x2 = j2, x3 = j3, x4 = j4, x5 = j5, x6 = j6, x7 = j7, x8 = j8, x9 = j9, x10 = j10, x11 = j11, x12 = j12, x13 = j13, x14 = j14, x15 = j15, u;
        for (var i = 0; i < 20; i += 2) {
          u = x0 + x12 | 0;
          x4 ^= u << 7 | u >>> 32 - 7;
          u = x4 + x0 | 0;
          x8 ^= u << 9 | u >>> 32 - 9;
          u = x8 + x4 | 0;
          x12 ^= u << 13 | u >>> 32 - 13;
          u = x12 + x8 | 0;
          x0 ^= u << 18 | u >>> 32 - 18;
          u = x5 + x1 | 0;
          x9 ^= u << 7 | u >>> 32 - 7;
          u = x9 + x5 | 0;
          x13 ^= u << 9 | u >>> 32 - 9;
          u = x13 + x9 | 0;
          x1 ^= u << 13 | u >>> 32 - 13;
          u = x1 + x13 | 0;
          x5 ^= u << 18 | u >>> 32 - 18;
          u = x10 + x6 | 0;
          x14 ^= u << 7 | u >>> 32 - 7;
          u = x14 + x10 | 0;
          x2 ^= u << 9 | u >>> 32 - 9;
          u = x2 + x14 | 0;
          x6 ^= u << 13 | u >>> 32 - 13;
          u = x6 + x2 | 0;
          x10 ^= u << 18 | u >>> 32 - 18;
          u = x15 + x11 | 0;
          x3 ^= u << 7 | u >>> 32 - 7;
          u = x3 + x15 | 0;
          x7 ^= u << 9 | u >>> 32 - 9;
          u = x7 + x3 | 0;
          x11 ^= u << 13 | u >>> 32 - 13;
          u = x11 + x7 | 0;
          x15 ^= u << 18 | u >>> 32 - 18;
          u = x0 + x3 | 0;
          x1 ^= u << 7 | u >>> 32 - 7;
          u = x1 + x0 | 0;
          x2 ^= u << 9 | u >>> 32 - 9;
          u = x2 + x1 | 0;
          x3 ^= u << 13 | u >>> 32 - 13;
          u = x3 + x2 | 0;
          x0 ^= u << 18 | u >>> 32 - 18;
          u = x5 + x4 | 0;
          x6 ^= u << 7 | u >>> 32 - 7;
          u = x6 + x5 | 0;
          x7 ^= u << 9 | u >>> 32 - 9;
          u = x7 + x6 | 0;
          x4 ^= u << 13 | u >>> 32 - 13;
          u = x4 + x7 | 0;
          x5 ^= u << 18 | u >>> 32 - 18;
          u = x10 + x9 | 0;
          x11 ^= u << 7 | u >>> 32 - 7;
          u = x11 + x10 | 0;
          x8 ^= u << 9 | u >>> 32 - 9;
          u = x8 + x11 | 0;
          x9 ^= u << 13 | u >>> 32 - 13;
          u = x9 + x8 | 0;
          x10 ^= u << 18 | u >>> 32 - 18;
          u = x15 + x14 | 0;
          x12 ^= u << 7 | u >>> 32 - 7;
          u = x12 + x15 | 0;
          x13 ^= u << 9 | u >>> 32 - 9;
          u = x13 + x12 | 0;
          x14 ^= u << 13 | u >>> 32 - 13;
          u = x14 + x13 | 0;
          x15 ^= u << 18 | u >>> 32 - 18;
        }
        x0 = x0 + j0 | 0;
        x1 = x1 + j1 | 0;
        x2 = x2 + j2 | 0;
        x3 = x3 + j3 | 0;
        x4 = x4 + j4 | 0;
        x5 = x5 + j5 | 0;
        x6 = x6 + j6 | 0;
        x7 = x7 + j7 | 0;
        x8 = x8 + j8 | 0;
        x9 = x9 + j9 | 0;
        x10 = x10 + j10 | 0;
        x11 = x11 + j11 | 0;
        x12 = x12 + j12 | 0;
        x13 = x13 + j13 | 0;
        x14 = x14 + j14 | 0;
        x15 = x15 + j15 | 0;
        o[0] = x0 >>> 0 & 255;
        o[1] = x0 >>> 8 & 255;
        o[2] = x0 >>> 16 & 255;
        o[3] = x0 >>> 24 & 255;
        o[4] = x1 >>> 0 & 255;
        o[5] = x1 >>> 8 & 255;
        o[6] = x1 >>> 16 & 255;
        o[7] = x1 >>> 24 & 255;
        o[8] = x2 >>> 0 & 255;
        o[9] = x2 >>> 8 & 255;
        o[10] = x2 >>> 16 & 255;
        o[11] = x2 >>> 24 & 255;
        o[12] = x3 >>> 0 & 255;
        o[13] = x3 >>> 8 & 255;
        o[14] = x3 >>> 16 & 255;
        o[15] = x3 >>> 24 & 255;
        o[16] = x4 >>> 0 & 255;
        o[17] = x4 >>> 8 & 255;
        o[18] = x4 >>> 16 & 255;
        o[19] = x4 >>> 24 & 255;
        o[20] = x5 >>> 0 & 255;
        o[21] = x5 >>> 8 & 255;
        o[22] = x5 >>> 16 & 255;
        o[23] = x5 >>> 24 & 255;
        o[24] = x6 >>> 0 & 255;
        o[25] = x6 >>> 8 & 255;
        o[26] = x6 >>> 16 & 255;
        o[27] = x6 >>> 24 & 255;
        o[28] = x7 >>> 0 & 255;
        o[29] = x7 >>> 8 & 255;
        o[30] = x7 >>> 16 & 255;
        o[31] = x7 >>> 24 & 255;
        o[32] = x8 >>> 0 & 255;
        o[33] = x8 >>> 8 & 255;
        o[34] = x8 >>> 16 & 255;
        o[35] = x8 >>> 24 & 255;
        o[36] = x9 >>> 0 & 255;
        o[37] = x9 >>> 8 & 255;
        o[38] = x9 >>> 16 & 255;
        o[39] = x9 >>> 24 & 255;
        o[40] = x10 >>> 0 & 255;
        o[41] = x10 >>> 8 & 255;
        o[42] = x10 >>> 16 & 255;
        o[43] = x10 >>> 24 & 255;
        o[44] = x11 >>> 0 & 255;
        o[45] = x11 >>> 8 & 255;
        o[46] = x11 >>> 16 & 255;
        o[47] = x11 >>> 24 & 255;
        o[48] = x12 >>> 0 & 255;
        o[49] = x12 >>> 8 & 255;
        o[50] = x12 >>> 16 & 255;
        o[51] = x12 >>> 24 & 255;
        o[52] = x13 >>> 0 & 255;
        o[53] = x13 >>> 8 & 255;
        o[54] = x13 >>> 16 & 255;
        o[55] = x13 >>> 24 & 255;
        o[56] = x14 >>> 0 & 255;
        o[57] = x14 >>> 8 & 255;
        o[58] = x14 >>> 16 & 255;
        o[59] = x14 >>> 24 & 255;
        o[60] = x15 >>> 0 & 255;
        o[61] = x15 >>> 8 & 255;
        o[62] = x15 >>> 16 & 255;
        o[63] = x15 >>> 24 & 255;
      }
      function core_hsalsa20(o, p, k, c) {
        var j0 = c[0] & 255 | (c[1] & 255) << 8 | (c[2] & 255) << 16 | (c[3] & 255) << 24, j1 = k[0] & 255 | (k[1] & 255) << 8 | (k[2] & 255) << 16 | (k[3] & 255) << 24, j2 = k[4] & 255 | (k[5] & 255) << 8 | (k[6] & 255) << 16 | (k[7] & 255) << 24, j3 = k[8] & 255 | (k[9] & 255) << 8 | (k[10] & 255) << 16 | (k[11] & 255) << 24, j4 = k[12] & 255 | (k[13] & 255) << 8 | (k[14] & 255) << 16 | (k[15] & 255) << 24, j5 = c[4] & 255 | (c[5] & 255) << 8 | (c[6] & 255) << 16 | (c[7] & 255) << 24, j6 = p[0] & 255 | (p[1] & 255) << 8 | (p[2] & 255) << 16 | (p[3] & 255) << 24, j7 = p[4] & 255 | (p[5] & 255) << 8 | (p[6] & 255) << 16 | (p[7] & 255) << 24, j8 = p[8] & 255 | (p[9] & 255) << 8 | (p[10] & 255) << 16 | (p[11] & 255) << 24, j9 = p[12] & 255 | (p[13] & 255) << 8 | (p[14] & 255) << 16 | (p[15] & 255) << 24, j10 = c[8] & 255 | (c[9] & 255) << 8 | (c[10] & 255) << 16 | (c[11] & 255) << 24, j11 = k[16] & 255 | (k[17] & 255) << 8 | (k[18] & 255) << 16 | (k[19] & 255) << 24, j12 = k[20] & 255 | (k[21] & 255) << 8 | (k[22] & 255) << 16 | (k[23] & 255) << 24, j13 = k[24] & 255 | (k[25] & 255) << 8 | (k[26] & 255) << 16 | (k[27] & 255) << 24, j14 = k[28] & 255 | (k[29] & 255) << 8 | (k[30] & 255) << 16 | (k[31] & 255) << 24, j15 = c[12] & 255 | (c[13] & 255) << 8 | (c[14] & 255) << 16 | (c[15] & 255) << 24;
        var x0 = j0, x1 = j1, x2 = j2, x3 = j3, x4 = j4, x5 = j5, x6 = j6, x7 = j7, x8 = j8, x9 = j9, x10 = j10, x11 = j11, x12 = j12, x13 = j13, x14 = j14, x15 = j15, u;
        for (var i = 0; i < 20; i += 2) {
          u = x0 + x12 | 0;
          x4 ^= u << 7 | u >>> 32 - 7;
          u = x4 + x0 | 0;
          x8 ^= u << 9 | u >>> 32 - 9;
          u = x8 + x4 | 0;
          x12 ^= u << 13 | u >>> 32 - 13;
          u = x12 + x8 | 0;
          x0 ^= u << 18 | u >>> 32 - 18;
          u = x5 + x1 | 0;
          x9 ^= u << 7 | u >>> 32 - 7;
          u = x9 + x5 | 0;
          x13 ^= u << 9 | u >>> 32 - 9;
          u = x13 + x9 | 0;
          x1 ^= u << 13 | u >>> 32 - 13;
          u = x1 + x13 | 0;
          x5 ^= u << 18 | u >>> 32 - 18;
          u = x10 + x6 | 0;
          x14 ^= u << 7 | u >>> 32 - 7;
          u = x14 + x10 | 0;
          x2 ^= u << 9 | u >>> 32 - 9;
          u = x2 + x14 | 0;
          x6 ^= u << 13 | u >>> 32 - 13;
          u = x6 + x2 | 0;
          x10 ^= u << 18 | u >>> 32 - 18;
          u = x15 + x11 | 0;
          x3 ^= u << 7 | u >>> 32 - 7;
          u = x3 + x15 | 0;
          x7 ^= u << 9 | u >>> 32 - 9;
          u = x7 + x3 | 0;
          x11 ^= u << 13 | u >>> 32 - 13;
          u = x11 + x7 | 0;
          x15 ^= u << 18 | u >>> 32 - 18;
          u = x0 + x3 | 0;
          x1 ^= u << 7 | u >>> 32 - 7;
          u = x1 + x0 | 0;
          x2 ^= u << 9 | u >>> 32 - 9;
          u = x2 + x1 | 0;
          x3 ^= u << 13 | u >>> 32 - 13;
          u = x3 + x2 | 0;
          x0 ^= u << 18 | u >>> 32 - 18;
          u = x5 + x4 | 0;
          x6 ^= u << 7 | u >>> 32 - 7;
          u = x6 + x5 | 0;
          x7 ^= u << 9 | u >>> 32 - 9;
          u = x7 + x6 | 0;
          x4 ^= u << 13 | u >>> 32 - 13;
          u = x4 + x7 | 0;
          x5 ^= u << 18 | u >>> 32 - 18;
          u = x10 + x9 | 0;
          x11 ^= u << 7 | u >>> 32 - 7;
          u = x11 + x10 | 0;
          x8 ^= u << 9 | u >>> 32 - 9;
          u = x8 + x11 | 0;
          x9 ^= u << 13 | u >>> 32 - 13;
          u = x9 + x8 | 0;
          x10 ^= u << 18 | u >>> 32 - 18;
          u = x15 + x14 | 0;
          x12 ^= u << 7 | u >>> 32 - 7;
          u = x12 + x15 | 0;
          x13 ^= u << 9 | u >>> 32 - 9;
          u = x13 + x12 | 0;
          x14 ^= u << 13 | u >>> 32 - 13;
          u = x14 + x13 | 0;
          x15 ^= u << 18 | u >>> 32 - 18;
        }
        o[0] = x0 >>> 0 & 255;
        o[1] = x0 >>> 8 & 255;
        o[2] = x0 >>> 16 & 255;
        o[3] = x0 >>> 24 & 255;
        o[4] = x5 >>> 0 & 255;
        o[5] = x5 >>> 8 & 255;
        o[6] = x5 >>> 16 & 255;
        o[7] = x5 >>> 24 & 255;
        o[8] = x10 >>> 0 & 255;
        o[9] = x10 >>> 8 & 255;
        o[10] = x10 >>> 16 & 255;
        o[11] = x10 >>> 24 & 255;
        o[12] = x15 >>> 0 & 255;
        o[13] = x15 >>> 8 & 255;
        o[14] = x15 >>> 16 & 255;
        o[15] = x15 >>> 24 & 255;
        o[16] = x6 >>> 0 & 255;
        o[17] = x6 >>> 8 & 255;
        o[18] = x6 >>> 16 & 255;
        o[19] = x6 >>> 24 & 255;
        o[20] = x7 >>> 0 & 255;
        o[21] = x7 >>> 8 & 255;
        o[22] = x7 >>> 16 & 255;
        o[23] = x7 >>> 24 & 255;
        o[24] = x8 >>> 0 & 255;
        o[25] = x8 >>> 8 & 255;
        o[26] = x8 >>> 16 & 255;
        o[27] = x8 >>> 24 & 255;
        o[28] = x9 >>> 0 & 255;
        o[29] = x9 >>> 8 & 255;
        o[30] = x9 >>> 16 & 255;
        o[31] = x9 >>> 24 & 255;
      }
      function crypto_core_salsa20(out, inp, k, c) {
        core_salsa20(out, inp, k, c);
      }
      function crypto_core_hsalsa20(out, inp, k, c) {
        core_hsalsa20(out, inp, k, c);
      }
      var sigma = new Uint8Array([101, 120, 112, 97, 110, 100, 32, 51, 50, 45, 98, 121, 116, 101, 32, 107]);
      function crypto_stream_salsa20_xor(c, cpos, m, mpos, b, n, k) {
        var z = new Uint8Array(16), x = new Uint8Array(64);
        var u, i;
        for (i = 0; i < 16; i++) z[i] = 0;
        for (i = 0; i < 8; i++) z[i] = n[i];
        while (b >= 64) {
          crypto_core_salsa20(x, z, k, sigma);
          for (i = 0; i < 64; i++) c[cpos + i] = m[mpos + i] ^ x[i];
          u = 1;
          for (i = 8; i < 16; i++) {
            u = u + (z[i] & 255) | 0;
            z[i] = u & 255;
            u >>>= 8;
          }
          b -= 64;
          cpos += 64;
          mpos += 64;
        }
        if (b > 0) {
          crypto_core_salsa20(x, z, k, sigma);
          for (i = 0; i < b; i++) c[cpos + i] = m[mpos + i] ^ x[i];
        }
        return 0;
      }
      function crypto_stream_salsa20(c, cpos, b, n, k) {
        var z = new Uint8Array(16), x = new Uint8Array(64);
        var u, i;
        for (i = 0; i < 16; i++) z[i] = 0;
        for (i = 0; i < 8; i++) z[i] = n[i];
        while (b >= 64) {
          crypto_core_salsa20(x, z, k, sigma);
          for (i = 0; i < 64; i++) c[cpos + i] = x[i];
          u = 1;
          for (i = 8; i < 16; i++) {
            u = u + (z[i] & 255) | 0;
            z[i] = u & 255;
            u >>>= 8;
          }
          b -= 64;
          cpos += 64;
        }
        if (b > 0) {
          crypto_core_salsa20(x, z, k, sigma);
          for (i = 0; i < b; i++) c[cpos + i] = x[i];
        }
        return 0;
      }
      function crypto_stream(c, cpos, d, n, k) {
        var s = new Uint8Array(32);
        crypto_core_hsalsa20(s, n, k, sigma);
        var sn = new Uint8Array(8);
        for (var i = 0; i < 8; i++) sn[i] = n[i + 16];
        return crypto_stream_salsa20(c, cpos, d, sn, s);
      }
      function crypto_stream_xor(c, cpos, m, mpos, d, n, k) {
        var s = new Uint8Array(32);
        crypto_core_hsalsa20(s, n, k, sigma);
        var sn = new Uint8Array(8);
        for (var i = 0; i < 8; i++) sn[i] = n[i + 16];
        return crypto_stream_salsa20_xor(c, cpos, m, mpos, d, sn, s);
      }
      var poly1305 = function(key3) {
        this.buffer = new Uint8Array(16);
        this.r = new Uint16Array(10);
        this.h = new Uint16Array(10);
        this.pad = new Uint16Array(8);
        this.leftover = 0;
        this.fin = 0;
        var t0, t1, t2, t3, t4, t5, t6, t7;
        t0 = key3[0] & 255 | (key3[1] & 255) << 8;
        this.r[0] = t0 & 8191;
        t1 = key3[2] & 255 | (key3[3] & 255) << 8;
        this.r[1] = (t0 >>> 13 | t1 << 3) & 8191;
        t2 = key3[4] & 255 | (key3[5] & 255) << 8;
        this.r[2] = (t1 >>> 10 | t2 << 6) & 7939;
        t3 = key3[6] & 255 | (key3[7] & 255) << 8;
        this.r[3] = (t2 >>> 7 | t3 << 9) & 8191;
        t4 = key3[8] & 255 | (key3[9] & 255) << 8;
        this.r[4] = (t3 >>> 4 | t4 << 12) & 255;
        this.r[5] = t4 >>> 1 & 8190;
        t5 = key3[10] & 255 | (key3[11] & 255) << 8;
        this.r[6] = (t4 >>> 14 | t5 << 2) & 8191;
        t6 = key3[12] & 255 | (key3[13] & 255) << 8;
        this.r[7] = (t5 >>> 11 | t6 << 5) & 8065;
        t7 = key3[14] & 255 | (key3[15] & 255) << 8;
        this.r[8] = (t6 >>> 8 | t7 << 8) & 8191;
        this.r[9] = t7 >>> 5 & 127;
        this.pad[0] = key3[16] & 255 | (key3[17] & 255) << 8;
        this.pad[1] = key3[18] & 255 | (key3[19] & 255) << 8;
        this.pad[2] = key3[20] & 255 | (key3[21] & 255) << 8;
        this.pad[3] = key3[22] & 255 | (key3[23] & 255) << 8;
        this.pad[4] = key3[24] & 255 | (key3[25] & 255) << 8;
        this.pad[5] = key3[26] & 255 | (key3[27] & 255) << 8;
        this.pad[6] = key3[28] & 255 | (key3[29] & 255) << 8;
        this.pad[7] = key3[30] & 255 | (key3[31] & 255) << 8;
      };
      poly1305.prototype.blocks = function(m, mpos, bytes) {
        var hibit = this.fin ? 0 : 1 << 11;
        var t0, t1, t2, t3, t4, t5, t6, t7, c;
        var d0, d1, d2, d3, d4, d5, d6, d7, d8, d9;
        var h0 = this.h[0], h1 = this.h[1], h2 = this.h[2], h3 = this.h[3], h4 = this.h[4], h5 = this.h[5], h6 = this.h[6], h7 = this.h[7], h8 = this.h[8], h9 = this.h[9];
        var r0 = this.r[0], r1 = this.r[1], r2 = this.r[2], r3 = this.r[3], r4 = this.r[4], r5 = this.r[5], r6 = this.r[6], r7 = this.r[7], r8 = this.r[8], r9 = this.r[9];
        while (bytes >= 16) {
          t0 = m[mpos + 0] & 255 | (m[mpos + 1] & 255) << 8;
          h0 += t0 & 8191;
          t1 = m[mpos + 2] & 255 | (m[mpos + 3] & 255) << 8;
          h1 += (t0 >>> 13 | t1 << 3) & 8191;
          t2 = m[mpos + 4] & 255 | (m[mpos + 5] & 255) << 8;
          h2 += (t1 >>> 10 | t2 << 6) & 8191;
          t3 = m[mpos + 6] & 255 | (m[mpos + 7] & 255) << 8;
          h3 += (t2 >>> 7 | t3 << 9) & 8191;
          t4 = m[mpos + 8] & 255 | (m[mpos + 9] & 255) << 8;
          h4 += (t3 >>> 4 | t4 << 12) & 8191;
          h5 += t4 >>> 1 & 8191;
          t5 = m[mpos + 10] & 255 | (m[mpos + 11] & 255) << 8;
          h6 += (t4 >>> 14 | t5 << 2) & 8191;
          t6 = m[mpos + 12] & 255 | (m[mpos + 13] & 255) << 8;
          h7 += (t5 >>> 11 | t6 << 5) & 8191;
          t7 = m[mpos + 14] & 255 | (m[mpos + 15] & 255) << 8;
          h8 += (t6 >>> 8 | t7 << 8) & 8191;
          h9 += t7 >>> 5 | hibit;
          c = 0;
          d0 = c;
          d0 += h0 * r0;
          d0 += h1 * (5 * r9);
          d0 += h2 * (5 * r8);
          d0 += h3 * (5 * r7);
          d0 += h4 * (5 * r6);
          c = d0 >>> 13;
          d0 &= 8191;
          d0 += h5 * (5 * r5);
          d0 += h6 * (5 * r4);
          d0 += h7 * (5 * r3);
          d0 += h8 * (5 * r2);
          d0 += h9 * (5 * r1);
          c += d0 >>> 13;
          d0 &= 8191;
          d1 = c;
          d1 += h0 * r1;
          d1 += h1 * r0;
          d1 += h2 * (5 * r9);
          d1 += h3 * (5 * r8);
          d1 += h4 * (5 * r7);
          c = d1 >>> 13;
          d1 &= 8191;
          d1 += h5 * (5 * r6);
          d1 += h6 * (5 * r5);
          d1 += h7 * (5 * r4);
          d1 += h8 * (5 * r3);
          d1 += h9 * (5 * r2);
          c += d1 >>> 13;
          d1 &= 8191;
          d2 = c;
          d2 += h0 * r2;
          d2 += h1 * r1;
          d2 += h2 * r0;
          d2 += h3 * (5 * r9);
          d2 += h4 * (5 * r8);
          c = d2 >>> 13;
          d2 &= 8191;
          d2 += h5 * (5 * r7);
          d2 += h6 * (5 * r6);
          d2 += h7 * (5 * r5);
          d2 += h8 * (5 * r4);
          d2 += h9 * (5 * r3);
          c += d2 >>> 13;
          d2 &= 8191;
          d3 = c;
          d3 += h0 * r3;
          d3 += h1 * r2;
          d3 += h2 * r1;
          d3 += h3 * r0;
          d3 += h4 * (5 * r9);
          c = d3 >>> 13;
          d3 &= 8191;
          d3 += h5 * (5 * r8);
          d3 += h6 * (5 * r7);
          d3 += h7 * (5 * r6);
          d3 += h8 * (5 * r5);
          d3 += h9 * (5 * r4);
          c += d3 >>> 13;
          d3 &= 8191;
          d4 = c;
          d4 += h0 * r4;
          d4 += h1 * r3;
          d4 += h2 * r2;
          d4 += h3 * r1;
          d4 += h4 * r0;
          c = d4 >>> 13;
          d4 &= 8191;
          d4 += h5 * (5 * r9);
          d4 += h6 * (5 * r8);
          d4 += h7 * (5 * r7);
          d4 += h8 * (5 * r6);
          d4 += h9 * (5 * r5);
          c += d4 >>> 13;
          d4 &= 8191;
          d5 = c;
          d5 += h0 * r5;
          d5 += h1 * r4;
          d5 += h2 * r3;
          d5 += h3 * r2;
          d5 += h4 * r1;
          c = d5 >>> 13;
          d5 &= 8191;
          d5 += h5 * r0;
          d5 += h6 * (5 * r9);
          d5 += h7 * (5 * r8);
          d5 += h8 * (5 * r7);
          d5 += h9 * (5 * r6);
          c += d5 >>> 13;
          d5 &= 8191;
          d6 = c;
          d6 += h0 * r6;
          d6 += h1 * r5;
          d6 += h2 * r4;
          d6 += h3 * r3;
          d6 += h4 * r2;
          c = d6 >>> 13;
          d6 &= 8191;
          d6 += h5 * r1;
          d6 += h6 * r0;
          d6 += h7 * (5 * r9);
          d6 += h8 * (5 * r8);
          d6 += h9 * (5 * r7);
          c += d6 >>> 13;
          d6 &= 8191;
          d7 = c;
          d7 += h0 * r7;
          d7 += h1 * r6;
          d7 += h2 * r5;
          d7 += h3 * r4;
          d7 += h4 * r3;
          c = d7 >>> 13;
          d7 &= 8191;
          d7 += h5 * r2;
          d7 += h6 * r1;
          d7 += h7 * r0;
          d7 += h8 * (5 * r9);
          d7 += h9 * (5 * r8);
          c += d7 >>> 13;
          d7 &= 8191;
          d8 = c;
          d8 += h0 * r8;
          d8 += h1 * r7;
          d8 += h2 * r6;
          d8 += h3 * r5;
          d8 += h4 * r4;
          c = d8 >>> 13;
          d8 &= 8191;
          d8 += h5 * r3;
          d8 += h6 * r2;
          d8 += h7 * r1;
          d8 += h8 * r0;
          d8 += h9 * (5 * r9);
          c += d8 >>> 13;
          d8 &= 8191;
          d9 = c;
          d9 += h0 * r9;
          d9 += h1 * r8;
          d9 += h2 * r7;
          d9 += h3 * r6;
          d9 += h4 * r5;
          c = d9 >>> 13;
          d9 &= 8191;
          d9 += h5 * r4;
          d9 += h6 * r3;
          d9 += h7 * r2;
          d9 += h8 * r1;
          d9 += h9 * r0;
          c += d9 >>> 13;
          d9 &= 8191;
          c = (c << 2) + c | 0;
          c = c + d0 | 0;
          d0 = c & 8191;
          c = c >>> 13;
          d1 += c;
          h0 = d0;
          h1 = d1;
          h2 = d2;
          h3 = d3;
          h4 = d4;
          h5 = d5;
          h6 = d6;
          h7 = d7;
          h8 = d8;
          h9 = d9;
          mpos += 16;
          bytes -= 16;
        }
        this.h[0] = h0;
        this.h[1] = h1;
        this.h[2] = h2;
        this.h[3] = h3;
        this.h[4] = h4;
        this.h[5] = h5;
        this.h[6] = h6;
        this.h[7] = h7;
        this.h[8] = h8;
        this.h[9] = h9;
      };
      poly1305.prototype.finish = function(mac, macpos) {
        var g = new Uint16Array(10);
        var c, mask, f, i;
        if (this.leftover) {
          i = this.leftover;
          this.buffer[i++] = 1;
          for (; i < 16; i++) this.buffer[i] = 0;
          this.fin = 1;
          this.blocks(this.buffer, 0, 16);
        }
        c = this.h[1] >>> 13;
        this.h[1] &= 8191;
        for (i = 2; i < 10; i++) {
          this.h[i] += c;
          c = this.h[i] >>> 13;
          this.h[i] &= 8191;
        }
        this.h[0] += c * 5;
        c = this.h[0] >>> 13;
        this.h[0] &= 8191;
        this.h[1] += c;
        c = this.h[1] >>> 13;
        this.h[1] &= 8191;
        this.h[2] += c;
        g[0] = this.h[0] + 5;
        c = g[0] >>> 13;
        g[0] &= 8191;
        for (i = 1; i < 10; i++) {
          g[i] = this.h[i] + c;
          c = g[i] >>> 13;
          g[i] &= 8191;
        }
        g[9] -= 1 << 13;
        mask = (c ^ 1) - 1;
        for (i = 0; i < 10; i++) g[i] &= mask;
        mask = ~mask;
        for (i = 0; i < 10; i++) this.h[i] = this.h[i] & mask | g[i];
        this.h[0] = (this.h[0] | this.h[1] << 13) & 65535;
        this.h[1] = (this.h[1] >>> 3 | this.h[2] << 10) & 65535;
        this.h[2] = (this.h[2] >>> 6 | this.h[3] << 7) & 65535;
        this.h[3] = (this.h[3] >>> 9 | this.h[4] << 4) & 65535;
        this.h[4] = (this.h[4] >>> 12 | this.h[5] << 1 | this.h[6] << 14) & 65535;
        this.h[5] = (this.h[6] >>> 2 | this.h[7] << 11) & 65535;
        this.h[6] = (this.h[7] >>> 5 | this.h[8] << 8) & 65535;
        this.h[7] = (this.h[8] >>> 8 | this.h[9] << 5) & 65535;
        f = this.h[0] + this.pad[0];
        this.h[0] = f & 65535;
        for (i = 1; i < 8; i++) {
          f = (this.h[i] + this.pad[i] | 0) + (f >>> 16) | 0;
          this.h[i] = f & 65535;
        }
        mac[macpos + 0] = this.h[0] >>> 0 & 255;
        mac[macpos + 1] = this.h[0] >>> 8 & 255;
        mac[macpos + 2] = this.h[1] >>> 0 & 255;
        mac[macpos + 3] = this.h[1] >>> 8 & 255;
        mac[macpos + 4] = this.h[2] >>> 0 & 255;
        mac[macpos + 5] = this.h[2] >>> 8 & 255;
        mac[macpos + 6] = this.h[3] >>> 0 & 255;
        mac[macpos + 7] = this.h[3] >>> 8 & 255;
        mac[macpos + 8] = this.h[4] >>> 0 & 255;
        mac[macpos + 9] = this.h[4] >>> 8 & 255;
        mac[macpos + 10] = this.h[5] >>> 0 & 255;
        mac[macpos + 11] = this.h[5] >>> 8 & 255;
        mac[macpos + 12] = this.h[6] >>> 0 & 255;
        mac[macpos + 13] = this.h[6] >>> 8 & 255;
        mac[macpos + 14] = this.h[7] >>> 0 & 255;
        mac[macpos + 15] = this.h[7] >>> 8 & 255;
      };
      poly1305.prototype.update = function(m, mpos, bytes) {
        var i, want;
        if (this.leftover) {
          want = 16 - this.leftover;
          if (want > bytes)
            want = bytes;
          for (i = 0; i < want; i++)
            this.buffer[this.leftover + i] = m[mpos + i];
          bytes -= want;
          mpos += want;
          this.leftover += want;
          if (this.leftover < 16)
            return;
          this.blocks(this.buffer, 0, 16);
          this.leftover = 0;
        }
        if (bytes >= 16) {
          want = bytes - bytes % 16;
          this.blocks(m, mpos, want);
          mpos += want;
          bytes -= want;
        }
        if (bytes) {
          for (i = 0; i < bytes; i++)
            this.buffer[this.leftover + i] = m[mpos + i];
          this.leftover += bytes;
        }
      };
      function crypto_onetimeauth(out, outpos, m, mpos, n, k) {
        var s = new poly1305(k);
        s.update(m, mpos, n);
        s.finish(out, outpos);
        return 0;
      }
      function crypto_onetimeauth_verify(h, hpos, m, mpos, n, k) {
        var x = new Uint8Array(16);
        crypto_onetimeauth(x, 0, m, mpos, n, k);
        return crypto_verify_16(h, hpos, x, 0);
      }
      function crypto_secretbox(c, m, d, n, k) {
        var i;
        if (d < 32) return -1;
        crypto_stream_xor(c, 0, m, 0, d, n, k);
        crypto_onetimeauth(c, 16, c, 32, d - 32, c);
        for (i = 0; i < 16; i++) c[i] = 0;
        return 0;
      }
      function crypto_secretbox_open(m, c, d, n, k) {
        var i;
        var x = new Uint8Array(32);
        if (d < 32) return -1;
        crypto_stream(x, 0, 32, n, k);
        if (crypto_onetimeauth_verify(c, 16, c, 32, d - 32, x) !== 0) return -1;
        crypto_stream_xor(m, 0, c, 0, d, n, k);
        for (i = 0; i < 32; i++) m[i] = 0;
        return 0;
      }
      function set25519(r, a) {
        var i;
        for (i = 0; i < 16; i++) r[i] = a[i] | 0;
      }
      function car25519(o) {
        var i, v, c = 1;
        for (i = 0; i < 16; i++) {
          v = o[i] + c + 65535;
          c = Math.floor(v / 65536);
          o[i] = v - c * 65536;
        }
        o[0] += c - 1 + 37 * (c - 1);
      }
      function sel25519(p, q, b) {
        var t, c = ~(b - 1);
        for (var i = 0; i < 16; i++) {
          t = c & (p[i] ^ q[i]);
          p[i] ^= t;
          q[i] ^= t;
        }
      }
      function pack25519(o, n) {
        var i, j, b;
        var m = gf(), t = gf();
        for (i = 0; i < 16; i++) t[i] = n[i];
        car25519(t);
        car25519(t);
        car25519(t);
        for (j = 0; j < 2; j++) {
          m[0] = t[0] - 65517;
          for (i = 1; i < 15; i++) {
            m[i] = t[i] - 65535 - (m[i - 1] >> 16 & 1);
            m[i - 1] &= 65535;
          }
          m[15] = t[15] - 32767 - (m[14] >> 16 & 1);
          b = m[15] >> 16 & 1;
          m[14] &= 65535;
          sel25519(t, m, 1 - b);
        }
        for (i = 0; i < 16; i++) {
          o[2 * i] = t[i] & 255;
          o[2 * i + 1] = t[i] >> 8;
        }
      }
      function neq25519(a, b) {
        var c = new Uint8Array(32), d = new Uint8Array(32);
        pack25519(c, a);
        pack25519(d, b);
        return crypto_verify_32(c, 0, d, 0);
      }
      function par25519(a) {
        var d = new Uint8Array(32);
        pack25519(d, a);
        return d[0] & 1;
      }
      function unpack25519(o, n) {
        var i;
        for (i = 0; i < 16; i++) o[i] = n[2 * i] + (n[2 * i + 1] << 8);
        o[15] &= 32767;
      }
      function A(o, a, b) {
        for (var i = 0; i < 16; i++) o[i] = a[i] + b[i];
      }
      function Z(o, a, b) {
        for (var i = 0; i < 16; i++) o[i] = a[i] - b[i];
      }
      function M(o, a, b) {
        var v, c, t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6 = 0, t7 = 0, t8 = 0, t9 = 0, t10 = 0, t11 = 0, t12 = 0, t13 = 0, t14 = 0, t15 = 0, t16 = 0, t17 = 0, t18 = 0, t19 = 0, t20 = 0, t21 = 0, t22 = 0, t23 = 0, t24 = 0, t25 = 0, t26 = 0, t27 = 0, t28 = 0, t29 = 0, t30 = 0, b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4], b5 = b[5], b6 = b[6], b7 = b[7], b8 = b[8], b9 = b[9], b10 = b[10], b11 = b[11], b12 = b[12], b13 = b[13], b14 = b[14], b15 = b[15];
        v = a[0];
        t0 += v * b0;
        t1 += v * b1;
        t2 += v * b2;
        t3 += v * b3;
        t4 += v * b4;
        t5 += v * b5;
        t6 += v * b6;
        t7 += v * b7;
        t8 += v * b8;
        t9 += v * b9;
        t10 += v * b10;
        t11 += v * b11;
        t12 += v * b12;
        t13 += v * b13;
        t14 += v * b14;
        t15 += v * b15;
        v = a[1];
        t1 += v * b0;
        t2 += v * b1;
        t3 += v * b2;
        t4 += v * b3;
        t5 += v * b4;
        t6 += v * b5;
        t7 += v * b6;
        t8 += v * b7;
        t9 += v * b8;
        t10 += v * b9;
        t11 += v * b10;
        t12 += v * b11;
        t13 += v * b12;
        t14 += v * b13;
        t15 += v * b14;
        t16 += v * b15;
        v = a[2];
        t2 += v * b0;
        t3 += v * b1;
        t4 += v * b2;
        t5 += v * b3;
        t6 += v * b4;
        t7 += v * b5;
        t8 += v * b6;
        t9 += v * b7;
        t10 += v * b8;
        t11 += v * b9;
        t12 += v * b10;
        t13 += v * b11;
        t14 += v * b12;
        t15 += v * b13;
        t16 += v * b14;
        t17 += v * b15;
        v = a[3];
        t3 += v * b0;
        t4 += v * b1;
        t5 += v * b2;
        t6 += v * b3;
        t7 += v * b4;
        t8 += v * b5;
        t9 += v * b6;
        t10 += v * b7;
        t11 += v * b8;
        t12 += v * b9;
        t13 += v * b10;
        t14 += v * b11;
        t15 += v * b12;
        t16 += v * b13;
        t17 += v * b14;
        t18 += v * b15;
        v = a[4];
        t4 += v * b0;
        t5 += v * b1;
        t6 += v * b2;
        t7 += v * b3;
        t8 += v * b4;
        t9 += v * b5;
        t10 += v * b6;
        t11 += v * b7;
        t12 += v * b8;
        t13 += v * b9;
        t14 += v * b10;
        t15 += v * b11;
        t16 += v * b12;
        t17 += v * b13;
        t18 += v * b14;
        t19 += v * b15;
        v = a[5];
        t5 += v * b0;
        t6 += v * b1;
        t7 += v * b2;
        t8 += v * b3;
        t9 += v * b4;
        t10 += v * b5;
        t11 += v * b6;
        t12 += v * b7;
        t13 += v * b8;
        t14 += v * b9;
        t15 += v * b10;
        t16 += v * b11;
        t17 += v * b12;
        t18 += v * b13;
        t19 += v * b14;
        t20 += v * b15;
        v = a[6];
        t6 += v * b0;
        t7 += v * b1;
        t8 += v * b2;
        t9 += v * b3;
        t10 += v * b4;
        t11 += v * b5;
        t12 += v * b6;
        t13 += v * b7;
        t14 += v * b8;
        t15 += v * b9;
        t16 += v * b10;
        t17 += v * b11;
        t18 += v * b12;
        t19 += v * b13;
        t20 += v * b14;
        t21 += v * b15;
        v = a[7];
        t7 += v * b0;
        t8 += v * b1;
        t9 += v * b2;
        t10 += v * b3;
        t11 += v * b4;
        t12 += v * b5;
        t13 += v * b6;
        t14 += v * b7;
        t15 += v * b8;
        t16 += v * b9;
        t17 += v * b10;
        t18 += v * b11;
        t19 += v * b12;
        t20 += v * b13;
        t21 += v * b14;
        t22 += v * b15;
        v = a[8];
        t8 += v * b0;
        t9 += v * b1;
        t10 += v * b2;
        t11 += v * b3;
        t12 += v * b4;
        t13 += v * b5;
        t14 += v * b6;
        t15 += v * b7;
        t16 += v * b8;
        t17 += v * b9;
        t18 += v * b10;
        t19 += v * b11;
        t20 += v * b12;
        t21 += v * b13;
        t22 += v * b14;
        t23 += v * b15;
        v = a[9];
        t9 += v * b0;
        t10 += v * b1;
        t11 += v * b2;
        t12 += v * b3;
        t13 += v * b4;
        t14 += v * b5;
        t15 += v * b6;
        t16 += v * b7;
        t17 += v * b8;
        t18 += v * b9;
        t19 += v * b10;
        t20 += v * b11;
        t21 += v * b12;
        t22 += v * b13;
        t23 += v * b14;
        t24 += v * b15;
        v = a[10];
        t10 += v * b0;
        t11 += v * b1;
        t12 += v * b2;
        t13 += v * b3;
        t14 += v * b4;
        t15 += v * b5;
        t16 += v * b6;
        t17 += v * b7;
        t18 += v * b8;
        t19 += v * b9;
        t20 += v * b10;
        t21 += v * b11;
        t22 += v * b12;
        t23 += v * b13;
        t24 += v * b14;
        t25 += v * b15;
        v = a[11];
        t11 += v * b0;
        t12 += v * b1;
        t13 += v * b2;
        t14 += v * b3;
        t15 += v * b4;
        t16 += v * b5;
        t17 += v * b6;
        t18 += v * b7;
        t19 += v * b8;
        t20 += v * b9;
        t21 += v * b10;
        t22 += v * b11;
        t23 += v * b12;
        t24 += v * b13;
        t25 += v * b14;
        t26 += v * b15;
        v = a[12];
        t12 += v * b0;
        t13 += v * b1;
        t14 += v * b2;
        t15 += v * b3;
        t16 += v * b4;
        t17 += v * b5;
        t18 += v * b6;
        t19 += v * b7;
        t20 += v * b8;
        t21 += v * b9;
        t22 += v * b10;
        t23 += v * b11;
        t24 += v * b12;
        t25 += v * b13;
        t26 += v * b14;
        t27 += v * b15;
        v = a[13];
        t13 += v * b0;
        t14 += v * b1;
        t15 += v * b2;
        t16 += v * b3;
        t17 += v * b4;
        t18 += v * b5;
        t19 += v * b6;
        t20 += v * b7;
        t21 += v * b8;
        t22 += v * b9;
        t23 += v * b10;
        t24 += v * b11;
        t25 += v * b12;
        t26 += v * b13;
        t27 += v * b14;
        t28 += v * b15;
        v = a[14];
        t14 += v * b0;
        t15 += v * b1;
        t16 += v * b2;
        t17 += v * b3;
        t18 += v * b4;
        t19 += v * b5;
        t20 += v * b6;
        t21 += v * b7;
        t22 += v * b8;
        t23 += v * b9;
        t24 += v * b10;
        t25 += v * b11;
        t26 += v * b12;
        t27 += v * b13;
        t28 += v * b14;
        t29 += v * b15;
        v = a[15];
        t15 += v * b0;
        t16 += v * b1;
        t17 += v * b2;
        t18 += v * b3;
        t19 += v * b4;
        t20 += v * b5;
        t21 += v * b6;
        t22 += v * b7;
        t23 += v * b8;
        t24 += v * b9;
        t25 += v * b10;
        t26 += v * b11;
        t27 += v * b12;
        t28 += v * b13;
        t29 += v * b14;
        t30 += v * b15;
        t0 += 38 * t16;
        t1 += 38 * t17;
        t2 += 38 * t18;
        t3 += 38 * t19;
        t4 += 38 * t20;
        t5 += 38 * t21;
        t6 += 38 * t22;
        t7 += 38 * t23;
        t8 += 38 * t24;
        t9 += 38 * t25;
        t10 += 38 * t26;
        t11 += 38 * t27;
        t12 += 38 * t28;
        t13 += 38 * t29;
        t14 += 38 * t30;
        c = 1;
        v = t0 + c + 65535;
        c = Math.floor(v / 65536);
        t0 = v - c * 65536;
        v = t1 + c + 65535;
        c = Math.floor(v / 65536);
        t1 = v - c * 65536;
        v = t2 + c + 65535;
        c = Math.floor(v / 65536);
        t2 = v - c * 65536;
        v = t3 + c + 65535;
        c = Math.floor(v / 65536);
        t3 = v - c * 65536;
        v = t4 + c + 65535;
        c = Math.floor(v / 65536);
        t4 = v - c * 65536;
        v = t5 + c + 65535;
        c = Math.floor(v / 65536);
        t5 = v - c * 65536;
        v = t6 + c + 65535;
        c = Math.floor(v / 65536);
        t6 = v - c * 65536;
        v = t7 + c + 65535;
        c = Math.floor(v / 65536);
        t7 = v - c * 65536;
        v = t8 + c + 65535;
        c = Math.floor(v / 65536);
        t8 = v - c * 65536;
        v = t9 + c + 65535;
        c = Math.floor(v / 65536);
        t9 = v - c * 65536;
        v = t10 + c + 65535;
        c = Math.floor(v / 65536);
        t10 = v - c * 65536;
        v = t11 + c + 65535;
        c = Math.floor(v / 65536);
        t11 = v - c * 65536;
        v = t12 + c + 65535;
        c = Math.floor(v / 65536);
        t12 = v - c * 65536;
        v = t13 + c + 65535;
        c = Math.floor(v / 65536);
        t13 = v - c * 65536;
        v = t14 + c + 65535;
        c = Math.floor(v / 65536);
        t14 = v - c * 65536;
        v = t15 + c + 65535;
        c = Math.floor(v / 65536);
        t15 = v - c * 65536;
        t0 += c - 1 + 37 * (c - 1);
        c = 1;
        v = t0 + c + 65535;
        c = Math.floor(v / 65536);
        t0 = v - c * 65536;
        v = t1 + c + 65535;
        c = Math.floor(v / 65536);
        t1 = v - c * 65536;
        v = t2 + c + 65535;
        c = Math.floor(v / 65536);
        t2 = v - c * 65536;
        v = t3 + c + 65535;
        c = Math.floor(v / 65536);
        t3 = v - c * 65536;
        v = t4 + c + 65535;
        c = Math.floor(v / 65536);
        t4 = v - c * 65536;
        v = t5 + c + 65535;
        c = Math.floor(v / 65536);
        t5 = v - c * 65536;
        v = t6 + c + 65535;
        c = Math.floor(v / 65536);
        t6 = v - c * 65536;
        v = t7 + c + 65535;
        c = Math.floor(v / 65536);
        t7 = v - c * 65536;
        v = t8 + c + 65535;
        c = Math.floor(v / 65536);
        t8 = v - c * 65536;
        v = t9 + c + 65535;
        c = Math.floor(v / 65536);
        t9 = v - c * 65536;
        v = t10 + c + 65535;
        c = Math.floor(v / 65536);
        t10 = v - c * 65536;
        v = t11 + c + 65535;
        c = Math.floor(v / 65536);
        t11 = v - c * 65536;
        v = t12 + c + 65535;
        c = Math.floor(v / 65536);
        t12 = v - c * 65536;
        v = t13 + c + 65535;
        c = Math.floor(v / 65536);
        t13 = v - c * 65536;
        v = t14 + c + 65535;
        c = Math.floor(v / 65536);
        t14 = v - c * 65536;
        v = t15 + c + 65535;
        c = Math.floor(v / 65536);
        t15 = v - c * 65536;
        t0 += c - 1 + 37 * (c - 1);
        o[0] = t0;
        o[1] = t1;
        o[2] = t2;
        o[3] = t3;
        o[4] = t4;
        o[5] = t5;
        o[6] = t6;
        o[7] = t7;
        o[8] = t8;
        o[9] = t9;
        o[10] = t10;
        o[11] = t11;
        o[12] = t12;
        o[13] = t13;
        o[14] = t14;
        o[15] = t15;
      }
      function S(o, a) {
        M(o, a, a);
      }
      function inv25519(o, i) {
        var c = gf();
        var a;
        for (a = 0; a < 16; a++) c[a] = i[a];
        for (a = 253; a >= 0; a--) {
          S(c, c);
          if (a !== 2 && a !== 4) M(c, c, i);
        }
        for (a = 0; a < 16; a++) o[a] = c[a];
      }
      function pow2523(o, i) {
        var c = gf();
        var a;
        for (a = 0; a < 16; a++) c[a] = i[a];
        for (a = 250; a >= 0; a--) {
          S(c, c);
          if (a !== 1) M(c, c, i);
        }
        for (a = 0; a < 16; a++) o[a] = c[a];
      }
      function crypto_scalarmult(q, n, p) {
        var z = new Uint8Array(32);
        var x = new Float64Array(80), r, i;
        var a = gf(), b = gf(), c = gf(), d = gf(), e = gf(), f = gf();
        for (i = 0; i < 31; i++) z[i] = n[i];
        z[31] = n[31] & 127 | 64;
        z[0] &= 248;
        unpack25519(x, p);
        for (i = 0; i < 16; i++) {
          b[i] = x[i];
          d[i] = a[i] = c[i] = 0;
        }
        a[0] = d[0] = 1;
        for (i = 254; i >= 0; --i) {
          r = z[i >>> 3] >>> (i & 7) & 1;
          sel25519(a, b, r);
          sel25519(c, d, r);
          A(e, a, c);
          Z(a, a, c);
          A(c, b, d);
          Z(b, b, d);
          S(d, e);
          S(f, a);
          M(a, c, a);
          M(c, b, e);
          A(e, a, c);
          Z(a, a, c);
          S(b, a);
          Z(c, d, f);
          M(a, c, _121665);
          A(a, a, d);
          M(c, c, a);
          M(a, d, f);
          M(d, b, x);
          S(b, e);
          sel25519(a, b, r);
          sel25519(c, d, r);
        }
        for (i = 0; i < 16; i++) {
          x[i + 16] = a[i];
          x[i + 32] = c[i];
          x[i + 48] = b[i];
          x[i + 64] = d[i];
        }
        var x32 = x.subarray(32);
        var x16 = x.subarray(16);
        inv25519(x32, x32);
        M(x16, x16, x32);
        pack25519(q, x16);
        return 0;
      }
      function crypto_scalarmult_base(q, n) {
        return crypto_scalarmult(q, n, _9);
      }
      function crypto_box_keypair(y, x) {
        randombytes(x, 32);
        return crypto_scalarmult_base(y, x);
      }
      function crypto_box_beforenm(k, y, x) {
        var s = new Uint8Array(32);
        crypto_scalarmult(s, x, y);
        return crypto_core_hsalsa20(k, _0, s, sigma);
      }
      var crypto_box_afternm = crypto_secretbox;
      var crypto_box_open_afternm = crypto_secretbox_open;
      function crypto_box(c, m, d, n, y, x) {
        var k = new Uint8Array(32);
        crypto_box_beforenm(k, y, x);
        return crypto_box_afternm(c, m, d, n, k);
      }
      function crypto_box_open(m, c, d, n, y, x) {
        var k = new Uint8Array(32);
        crypto_box_beforenm(k, y, x);
        return crypto_box_open_afternm(m, c, d, n, k);
      }
      var K = [
        1116352408,
        3609767458,
        1899447441,
        602891725,
        3049323471,
        3964484399,
        3921009573,
        2173295548,
        961987163,
        4081628472,
        1508970993,
        3053834265,
        2453635748,
        2937671579,
        2870763221,
        3664609560,
        3624381080,
        2734883394,
        310598401,
        1164996542,
        607225278,
        1323610764,
        1426881987,
        3590304994,
        1925078388,
        4068182383,
        2162078206,
        991336113,
        2614888103,
        633803317,
        3248222580,
        3479774868,
        3835390401,
        2666613458,
        4022224774,
        944711139,
        264347078,
        2341262773,
        604807628,
        2007800933,
        770255983,
        1495990901,
        1249150122,
        1856431235,
        1555081692,
        3175218132,
        1996064986,
        2198950837,
        2554220882,
        3999719339,
        2821834349,
        766784016,
        2952996808,
        2566594879,
        3210313671,
        3203337956,
        3336571891,
        1034457026,
        3584528711,
        2466948901,
        113926993,
        3758326383,
        338241895,
        168717936,
        666307205,
        1188179964,
        773529912,
        1546045734,
        1294757372,
        1522805485,
        1396182291,
        2643833823,
        1695183700,
        2343527390,
        1986661051,
        1014477480,
        2177026350,
        1206759142,
        2456956037,
        344077627,
        2730485921,
        1290863460,
        2820302411,
        3158454273,
        3259730800,
        3505952657,
        3345764771,
        106217008,
        3516065817,
        3606008344,
        3600352804,
        1432725776,
        4094571909,
        1467031594,
        275423344,
        851169720,
        430227734,
        3100823752,
        506948616,
        1363258195,
        659060556,
        3750685593,
        883997877,
        3785050280,
        958139571,
        3318307427,
        1322822218,
        3812723403,
        1537002063,
        2003034995,
        1747873779,
        3602036899,
        1955562222,
        1575990012,
        2024104815,
        1125592928,
        2227730452,
        2716904306,
        2361852424,
        442776044,
        2428436474,
        593698344,
        2756734187,
        3733110249,
        3204031479,
        2999351573,
        3329325298,
        3815920427,
        3391569614,
        3928383900,
        3515267271,
        566280711,
        3940187606,
        3454069534,
        4118630271,
        4000239992,
        116418474,
        1914138554,
        174292421,
        2731055270,
        289380356,
        3203993006,
        460393269,
        320620315,
        685471733,
        587496836,
        852142971,
        1086792851,
        1017036298,
        365543100,
        1126000580,
        2618297676,
        1288033470,
        3409855158,
        1501505948,
        4234509866,
        1607167915,
        987167468,
        1816402316,
        1246189591
      ];
      function crypto_hashblocks_hl(hh, hl, m, n) {
        var wh = new Int32Array(16), wl = new Int32Array(16), bh0, bh1, bh2, bh3, bh4, bh5, bh6, bh7, bl0, bl1, bl2, bl3, bl4, bl5, bl6, bl7, th, tl, i, j, h, l, a, b, c, d;
        var ah0 = hh[0], ah1 = hh[1], ah2 = hh[2], ah3 = hh[3], ah4 = hh[4], ah5 = hh[5], ah6 = hh[6], ah7 = hh[7], al0 = hl[0], al1 = hl[1], al2 = hl[2], al3 = hl[3], al4 = hl[4], al5 = hl[5], al6 = hl[6], al7 = hl[7];
        var pos = 0;
        while (n >= 128) {
          for (i = 0; i < 16; i++) {
            j = 8 * i + pos;
            wh[i] = m[j + 0] << 24 | m[j + 1] << 16 | m[j + 2] << 8 | m[j + 3];
            wl[i] = m[j + 4] << 24 | m[j + 5] << 16 | m[j + 6] << 8 | m[j + 7];
          }
          for (i = 0; i < 80; i++) {
            bh0 = ah0;
            bh1 = ah1;
            bh2 = ah2;
            bh3 = ah3;
            bh4 = ah4;
            bh5 = ah5;
            bh6 = ah6;
            bh7 = ah7;
            bl0 = al0;
            bl1 = al1;
            bl2 = al2;
            bl3 = al3;
            bl4 = al4;
            bl5 = al5;
            bl6 = al6;
            bl7 = al7;
            h = ah7;
            l = al7;
            a = l & 65535;
            b = l >>> 16;
            c = h & 65535;
            d = h >>> 16;
            h = (ah4 >>> 14 | al4 << 32 - 14) ^ (ah4 >>> 18 | al4 << 32 - 18) ^ (al4 >>> 41 - 32 | ah4 << 32 - (41 - 32));
            l = (al4 >>> 14 | ah4 << 32 - 14) ^ (al4 >>> 18 | ah4 << 32 - 18) ^ (ah4 >>> 41 - 32 | al4 << 32 - (41 - 32));
            a += l & 65535;
            b += l >>> 16;
            c += h & 65535;
            d += h >>> 16;
            h = ah4 & ah5 ^ ~ah4 & ah6;
            l = al4 & al5 ^ ~al4 & al6;
            a += l & 65535;
            b += l >>> 16;
            c += h & 65535;
            d += h >>> 16;
            h = K[i * 2];
            l = K[i * 2 + 1];
            a += l & 65535;
            b += l >>> 16;
            c += h & 65535;
            d += h >>> 16;
            h = wh[i % 16];
            l = wl[i % 16];
            a += l & 65535;
            b += l >>> 16;
            c += h & 65535;
            d += h >>> 16;
            b += a >>> 16;
            c += b >>> 16;
            d += c >>> 16;
            th = c & 65535 | d << 16;
            tl = a & 65535 | b << 16;
            h = th;
            l = tl;
            a = l & 65535;
            b = l >>> 16;
            c = h & 65535;
            d = h >>> 16;
            h = (ah0 >>> 28 | al0 << 32 - 28) ^ (al0 >>> 34 - 32 | ah0 << 32 - (34 - 32)) ^ (al0 >>> 39 - 32 | ah0 << 32 - (39 - 32));
            l = (al0 >>> 28 | ah0 << 32 - 28) ^ (ah0 >>> 34 - 32 | al0 << 32 - (34 - 32)) ^ (ah0 >>> 39 - 32 | al0 << 32 - (39 - 32));
            a += l & 65535;
            b += l >>> 16;
            c += h & 65535;
            d += h >>> 16;
            h = ah0 & ah1 ^ ah0 & ah2 ^ ah1 & ah2;
            l = al0 & al1 ^ al0 & al2 ^ al1 & al2;
            a += l & 65535;
            b += l >>> 16;
            c += h & 65535;
            d += h >>> 16;
            b += a >>> 16;
            c += b >>> 16;
            d += c >>> 16;
            bh7 = c & 65535 | d << 16;
            bl7 = a & 65535 | b << 16;
            h = bh3;
            l = bl3;
            a = l & 65535;
            b = l >>> 16;
            c = h & 65535;
            d = h >>> 16;
            h = th;
            l = tl;
            a += l & 65535;
            b += l >>> 16;
            c += h & 65535;
            d += h >>> 16;
            b += a >>> 16;
            c += b >>> 16;
            d += c >>> 16;
            bh3 = c & 65535 | d << 16;
            bl3 = a & 65535 | b << 16;
            ah1 = bh0;
            ah2 = bh1;
            ah3 = bh2;
            ah4 = bh3;
            ah5 = bh4;
            ah6 = bh5;
            ah7 = bh6;
            ah0 = bh7;
            al1 = bl0;
            al2 = bl1;
            al3 = bl2;
            al4 = bl3;
            al5 = bl4;
            al6 = bl5;
            al7 = bl6;
            al0 = bl7;
            if (i % 16 === 15) {
              for (j = 0; j < 16; j++) {
                h = wh[j];
                l = wl[j];
                a = l & 65535;
                b = l >>> 16;
                c = h & 65535;
                d = h >>> 16;
                h = wh[(j + 9) % 16];
                l = wl[(j + 9) % 16];
                a += l & 65535;
                b += l >>> 16;
                c += h & 65535;
                d += h >>> 16;
                th = wh[(j + 1) % 16];
                tl = wl[(j + 1) % 16];
                h = (th >>> 1 | tl << 32 - 1) ^ (th >>> 8 | tl << 32 - 8) ^ th >>> 7;
                l = (tl >>> 1 | th << 32 - 1) ^ (tl >>> 8 | th << 32 - 8) ^ (tl >>> 7 | th << 32 - 7);
                a += l & 65535;
                b += l >>> 16;
                c += h & 65535;
                d += h >>> 16;
                th = wh[(j + 14) % 16];
                tl = wl[(j + 14) % 16];
                h = (th >>> 19 | tl << 32 - 19) ^ (tl >>> 61 - 32 | th << 32 - (61 - 32)) ^ th >>> 6;
                l = (tl >>> 19 | th << 32 - 19) ^ (th >>> 61 - 32 | tl << 32 - (61 - 32)) ^ (tl >>> 6 | th << 32 - 6);
                a += l & 65535;
                b += l >>> 16;
                c += h & 65535;
                d += h >>> 16;
                b += a >>> 16;
                c += b >>> 16;
                d += c >>> 16;
                wh[j] = c & 65535 | d << 16;
                wl[j] = a & 65535 | b << 16;
              }
            }
          }
          h = ah0;
          l = al0;
          a = l & 65535;
          b = l >>> 16;
          c = h & 65535;
          d = h >>> 16;
          h = hh[0];
          l = hl[0];
          a += l & 65535;
          b += l >>> 16;
          c += h & 65535;
          d += h >>> 16;
          b += a >>> 16;
          c += b >>> 16;
          d += c >>> 16;
          hh[0] = ah0 = c & 65535 | d << 16;
          hl[0] = al0 = a & 65535 | b << 16;
          h = ah1;
          l = al1;
          a = l & 65535;
          b = l >>> 16;
          c = h & 65535;
          d = h >>> 16;
          h = hh[1];
          l = hl[1];
          a += l & 65535;
          b += l >>> 16;
          c += h & 65535;
          d += h >>> 16;
          b += a >>> 16;
          c += b >>> 16;
          d += c >>> 16;
          hh[1] = ah1 = c & 65535 | d << 16;
          hl[1] = al1 = a & 65535 | b << 16;
          h = ah2;
          l = al2;
          a = l & 65535;
          b = l >>> 16;
          c = h & 65535;
          d = h >>> 16;
          h = hh[2];
          l = hl[2];
          a += l & 65535;
          b += l >>> 16;
          c += h & 65535;
          d += h >>> 16;
          b += a >>> 16;
          c += b >>> 16;
          d += c >>> 16;
          hh[2] = ah2 = c & 65535 | d << 16;
          hl[2] = al2 = a & 65535 | b << 16;
          h = ah3;
          l = al3;
          a = l & 65535;
          b = l >>> 16;
          c = h & 65535;
          d = h >>> 16;
          h = hh[3];
          l = hl[3];
          a += l & 65535;
          b += l >>> 16;
          c += h & 65535;
          d += h >>> 16;
          b += a >>> 16;
          c += b >>> 16;
          d += c >>> 16;
          hh[3] = ah3 = c & 65535 | d << 16;
          hl[3] = al3 = a & 65535 | b << 16;
          h = ah4;
          l = al4;
          a = l & 65535;
          b = l >>> 16;
          c = h & 65535;
          d = h >>> 16;
          h = hh[4];
          l = hl[4];
          a += l & 65535;
          b += l >>> 16;
          c += h & 65535;
          d += h >>> 16;
          b += a >>> 16;
          c += b >>> 16;
          d += c >>> 16;
          hh[4] = ah4 = c & 65535 | d << 16;
          hl[4] = al4 = a & 65535 | b << 16;
          h = ah5;
          l = al5;
          a = l & 65535;
          b = l >>> 16;
          c = h & 65535;
          d = h >>> 16;
          h = hh[5];
          l = hl[5];
          a += l & 65535;
          b += l >>> 16;
          c += h & 65535;
          d += h >>> 16;
          b += a >>> 16;
          c += b >>> 16;
          d += c >>> 16;
          hh[5] = ah5 = c & 65535 | d << 16;
          hl[5] = al5 = a & 65535 | b << 16;
          h = ah6;
          l = al6;
          a = l & 65535;
          b = l >>> 16;
          c = h & 65535;
          d = h >>> 16;
          h = hh[6];
          l = hl[6];
          a += l & 65535;
          b += l >>> 16;
          c += h & 65535;
          d += h >>> 16;
          b += a >>> 16;
          c += b >>> 16;
          d += c >>> 16;
          hh[6] = ah6 = c & 65535 | d << 16;
          hl[6] = al6 = a & 65535 | b << 16;
          h = ah7;
          l = al7;
          a = l & 65535;
          b = l >>> 16;
          c = h & 65535;
          d = h >>> 16;
          h = hh[7];
          l = hl[7];
          a += l & 65535;
          b += l >>> 16;
          c += h & 65535;
          d += h >>> 16;
          b += a >>> 16;
          c += b >>> 16;
          d += c >>> 16;
          hh[7] = ah7 = c & 65535 | d << 16;
          hl[7] = al7 = a & 65535 | b << 16;
          pos += 128;
          n -= 128;
        }
        return n;
      }
      function crypto_hash(out, m, n) {
        var hh = new Int32Array(8), hl = new Int32Array(8), x = new Uint8Array(256), i, b = n;
        hh[0] = 1779033703;
        hh[1] = 3144134277;
        hh[2] = 1013904242;
        hh[3] = 2773480762;
        hh[4] = 1359893119;
        hh[5] = 2600822924;
        hh[6] = 528734635;
        hh[7] = 1541459225;
        hl[0] = 4089235720;
        hl[1] = 2227873595;
        hl[2] = 4271175723;
        hl[3] = 1595750129;
        hl[4] = 2917565137;
        hl[5] = 725511199;
        hl[6] = 4215389547;
        hl[7] = 327033209;
        crypto_hashblocks_hl(hh, hl, m, n);
        n %= 128;
        for (i = 0; i < n; i++) x[i] = m[b - n + i];
        x[n] = 128;
        n = 256 - 128 * (n < 112 ? 1 : 0);
        x[n - 9] = 0;
        ts64(x, n - 8, b / 536870912 | 0, b << 3);
        crypto_hashblocks_hl(hh, hl, x, n);
        for (i = 0; i < 8; i++) ts64(out, 8 * i, hh[i], hl[i]);
        return 0;
      }
      function add(p, q) {
        var a = gf(), b = gf(), c = gf(), d = gf(), e = gf(), f = gf(), g = gf(), h = gf(), t = gf();
        Z(a, p[1], p[0]);
        Z(t, q[1], q[0]);
        M(a, a, t);
        A(b, p[0], p[1]);
        A(t, q[0], q[1]);
        M(b, b, t);
        M(c, p[3], q[3]);
        M(c, c, D2);
        M(d, p[2], q[2]);
        A(d, d, d);
        Z(e, b, a);
        Z(f, d, c);
        A(g, d, c);
        A(h, b, a);
        M(p[0], e, f);
        M(p[1], h, g);
        M(p[2], g, f);
        M(p[3], e, h);
      }
      function cswap(p, q, b) {
        var i;
        for (i = 0; i < 4; i++) {
          sel25519(p[i], q[i], b);
        }
      }
      function pack(r, p) {
        var tx = gf(), ty = gf(), zi = gf();
        inv25519(zi, p[2]);
        M(tx, p[0], zi);
        M(ty, p[1], zi);
        pack25519(r, ty);
        r[31] ^= par25519(tx) << 7;
      }
      function scalarmult(p, q, s) {
        var b, i;
        set25519(p[0], gf0);
        set25519(p[1], gf1);
        set25519(p[2], gf1);
        set25519(p[3], gf0);
        for (i = 255; i >= 0; --i) {
          b = s[i / 8 | 0] >> (i & 7) & 1;
          cswap(p, q, b);
          add(q, p);
          add(p, p);
          cswap(p, q, b);
        }
      }
      function scalarbase(p, s) {
        var q = [gf(), gf(), gf(), gf()];
        set25519(q[0], X);
        set25519(q[1], Y);
        set25519(q[2], gf1);
        M(q[3], X, Y);
        scalarmult(p, q, s);
      }
      function crypto_sign_keypair(pk, sk, seeded) {
        var d = new Uint8Array(64);
        var p = [gf(), gf(), gf(), gf()];
        var i;
        if (!seeded) randombytes(sk, 32);
        crypto_hash(d, sk, 32);
        d[0] &= 248;
        d[31] &= 127;
        d[31] |= 64;
        scalarbase(p, d);
        pack(pk, p);
        for (i = 0; i < 32; i++) sk[i + 32] = pk[i];
        return 0;
      }
      var L = new Float64Array([237, 211, 245, 92, 26, 99, 18, 88, 214, 156, 247, 162, 222, 249, 222, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16]);
      function modL(r, x) {
        var carry, i, j, k;
        for (i = 63; i >= 32; --i) {
          carry = 0;
          for (j = i - 32, k = i - 12; j < k; ++j) {
            x[j] += carry - 16 * x[i] * L[j - (i - 32)];
            carry = Math.floor((x[j] + 128) / 256);
            x[j] -= carry * 256;
          }
          x[j] += carry;
          x[i] = 0;
        }
        carry = 0;
        for (j = 0; j < 32; j++) {
          x[j] += carry - (x[31] >> 4) * L[j];
          carry = x[j] >> 8;
          x[j] &= 255;
        }
        for (j = 0; j < 32; j++) x[j] -= carry * L[j];
        for (i = 0; i < 32; i++) {
          x[i + 1] += x[i] >> 8;
          r[i] = x[i] & 255;
        }
      }
      function reduce(r) {
        var x = new Float64Array(64), i;
        for (i = 0; i < 64; i++) x[i] = r[i];
        for (i = 0; i < 64; i++) r[i] = 0;
        modL(r, x);
      }
      function crypto_sign(sm, m, n, sk) {
        var d = new Uint8Array(64), h = new Uint8Array(64), r = new Uint8Array(64);
        var i, j, x = new Float64Array(64);
        var p = [gf(), gf(), gf(), gf()];
        crypto_hash(d, sk, 32);
        d[0] &= 248;
        d[31] &= 127;
        d[31] |= 64;
        var smlen = n + 64;
        for (i = 0; i < n; i++) sm[64 + i] = m[i];
        for (i = 0; i < 32; i++) sm[32 + i] = d[32 + i];
        crypto_hash(r, sm.subarray(32), n + 32);
        reduce(r);
        scalarbase(p, r);
        pack(sm, p);
        for (i = 32; i < 64; i++) sm[i] = sk[i];
        crypto_hash(h, sm, n + 64);
        reduce(h);
        for (i = 0; i < 64; i++) x[i] = 0;
        for (i = 0; i < 32; i++) x[i] = r[i];
        for (i = 0; i < 32; i++) {
          for (j = 0; j < 32; j++) {
            x[i + j] += h[i] * d[j];
          }
        }
        modL(sm.subarray(32), x);
        return smlen;
      }
      function unpackneg(r, p) {
        var t = gf(), chk = gf(), num = gf(), den = gf(), den2 = gf(), den4 = gf(), den6 = gf();
        set25519(r[2], gf1);
        unpack25519(r[1], p);
        S(num, r[1]);
        M(den, num, D);
        Z(num, num, r[2]);
        A(den, r[2], den);
        S(den2, den);
        S(den4, den2);
        M(den6, den4, den2);
        M(t, den6, num);
        M(t, t, den);
        pow2523(t, t);
        M(t, t, num);
        M(t, t, den);
        M(t, t, den);
        M(r[0], t, den);
        S(chk, r[0]);
        M(chk, chk, den);
        if (neq25519(chk, num)) M(r[0], r[0], I);
        S(chk, r[0]);
        M(chk, chk, den);
        if (neq25519(chk, num)) return -1;
        if (par25519(r[0]) === p[31] >> 7) Z(r[0], gf0, r[0]);
        M(r[3], r[0], r[1]);
        return 0;
      }
      function crypto_sign_open(m, sm, n, pk) {
        var i;
        var t = new Uint8Array(32), h = new Uint8Array(64);
        var p = [gf(), gf(), gf(), gf()], q = [gf(), gf(), gf(), gf()];
        if (n < 64) return -1;
        if (unpackneg(q, pk)) return -1;
        for (i = 0; i < n; i++) m[i] = sm[i];
        for (i = 0; i < 32; i++) m[i + 32] = pk[i];
        crypto_hash(h, m, n);
        reduce(h);
        scalarmult(p, q, h);
        scalarbase(q, sm.subarray(32));
        add(p, q);
        pack(t, p);
        n -= 64;
        if (crypto_verify_32(sm, 0, t, 0)) {
          for (i = 0; i < n; i++) m[i] = 0;
          return -1;
        }
        for (i = 0; i < n; i++) m[i] = sm[i + 64];
        return n;
      }
      var crypto_secretbox_KEYBYTES = 32, crypto_secretbox_NONCEBYTES = 24, crypto_secretbox_ZEROBYTES = 32, crypto_secretbox_BOXZEROBYTES = 16, crypto_scalarmult_BYTES = 32, crypto_scalarmult_SCALARBYTES = 32, crypto_box_PUBLICKEYBYTES = 32, crypto_box_SECRETKEYBYTES = 32, crypto_box_BEFORENMBYTES = 32, crypto_box_NONCEBYTES = crypto_secretbox_NONCEBYTES, crypto_box_ZEROBYTES = crypto_secretbox_ZEROBYTES, crypto_box_BOXZEROBYTES = crypto_secretbox_BOXZEROBYTES, crypto_sign_BYTES = 64, crypto_sign_PUBLICKEYBYTES = 32, crypto_sign_SECRETKEYBYTES = 64, crypto_sign_SEEDBYTES = 32, crypto_hash_BYTES = 64;
      nacl2.lowlevel = {
        crypto_core_hsalsa20,
        crypto_stream_xor,
        crypto_stream,
        crypto_stream_salsa20_xor,
        crypto_stream_salsa20,
        crypto_onetimeauth,
        crypto_onetimeauth_verify,
        crypto_verify_16,
        crypto_verify_32,
        crypto_secretbox,
        crypto_secretbox_open,
        crypto_scalarmult,
        crypto_scalarmult_base,
        crypto_box_beforenm,
        crypto_box_afternm,
        crypto_box,
        crypto_box_open,
        crypto_box_keypair,
        crypto_hash,
        crypto_sign,
        crypto_sign_keypair,
        crypto_sign_open,
        crypto_secretbox_KEYBYTES,
        crypto_secretbox_NONCEBYTES,
        crypto_secretbox_ZEROBYTES,
        crypto_secretbox_BOXZEROBYTES,
        crypto_scalarmult_BYTES,
        crypto_scalarmult_SCALARBYTES,
        crypto_box_PUBLICKEYBYTES,
        crypto_box_SECRETKEYBYTES,
        crypto_box_BEFORENMBYTES,
        crypto_box_NONCEBYTES,
        crypto_box_ZEROBYTES,
        crypto_box_BOXZEROBYTES,
        crypto_sign_BYTES,
        crypto_sign_PUBLICKEYBYTES,
        crypto_sign_SECRETKEYBYTES,
        crypto_sign_SEEDBYTES,
        crypto_hash_BYTES,
        gf,
        D,
        L,
        pack25519,
        unpack25519,
        M,
        A,
        S,
        Z,
        pow2523,
        add,
        set25519,
        modL,
        scalarmult,
        scalarbase
      };
      function checkLengths(k, n) {
        if (k.length !== crypto_secretbox_KEYBYTES) throw new Error("bad key size");
        if (n.length !== crypto_secretbox_NONCEBYTES) throw new Error("bad nonce size");
      }
      function checkBoxLengths(pk, sk) {
        if (pk.length !== crypto_box_PUBLICKEYBYTES) throw new Error("bad public key size");
        if (sk.length !== crypto_box_SECRETKEYBYTES) throw new Error("bad secret key size");
      }
      function checkArrayTypes() {
        for (var i = 0; i < arguments.length; i++) {
          if (!(arguments[i] instanceof Uint8Array))
            throw new TypeError("unexpected type, use Uint8Array");
        }
      }
      function cleanup(arr) {
        for (var i = 0; i < arr.length; i++) arr[i] = 0;
      }
      nacl2.randomBytes = function(n) {
        var b = new Uint8Array(n);
        randombytes(b, n);
        return b;
      };
      nacl2.secretbox = function(msg, nonce, key3) {
        checkArrayTypes(msg, nonce, key3);
        checkLengths(key3, nonce);
        var m = new Uint8Array(crypto_secretbox_ZEROBYTES + msg.length);
        var c = new Uint8Array(m.length);
        for (var i = 0; i < msg.length; i++) m[i + crypto_secretbox_ZEROBYTES] = msg[i];
        crypto_secretbox(c, m, m.length, nonce, key3);
        return c.subarray(crypto_secretbox_BOXZEROBYTES);
      };
      nacl2.secretbox.open = function(box, nonce, key3) {
        checkArrayTypes(box, nonce, key3);
        checkLengths(key3, nonce);
        var c = new Uint8Array(crypto_secretbox_BOXZEROBYTES + box.length);
        var m = new Uint8Array(c.length);
        for (var i = 0; i < box.length; i++) c[i + crypto_secretbox_BOXZEROBYTES] = box[i];
        if (c.length < 32) return null;
        if (crypto_secretbox_open(m, c, c.length, nonce, key3) !== 0) return null;
        return m.subarray(crypto_secretbox_ZEROBYTES);
      };
      nacl2.secretbox.keyLength = crypto_secretbox_KEYBYTES;
      nacl2.secretbox.nonceLength = crypto_secretbox_NONCEBYTES;
      nacl2.secretbox.overheadLength = crypto_secretbox_BOXZEROBYTES;
      nacl2.scalarMult = function(n, p) {
        checkArrayTypes(n, p);
        if (n.length !== crypto_scalarmult_SCALARBYTES) throw new Error("bad n size");
        if (p.length !== crypto_scalarmult_BYTES) throw new Error("bad p size");
        var q = new Uint8Array(crypto_scalarmult_BYTES);
        crypto_scalarmult(q, n, p);
        return q;
      };
      nacl2.scalarMult.base = function(n) {
        checkArrayTypes(n);
        if (n.length !== crypto_scalarmult_SCALARBYTES) throw new Error("bad n size");
        var q = new Uint8Array(crypto_scalarmult_BYTES);
        crypto_scalarmult_base(q, n);
        return q;
      };
      nacl2.scalarMult.scalarLength = crypto_scalarmult_SCALARBYTES;
      nacl2.scalarMult.groupElementLength = crypto_scalarmult_BYTES;
      nacl2.box = function(msg, nonce, publicKey, secretKey) {
        var k = nacl2.box.before(publicKey, secretKey);
        return nacl2.secretbox(msg, nonce, k);
      };
      nacl2.box.before = function(publicKey, secretKey) {
        checkArrayTypes(publicKey, secretKey);
        checkBoxLengths(publicKey, secretKey);
        var k = new Uint8Array(crypto_box_BEFORENMBYTES);
        crypto_box_beforenm(k, publicKey, secretKey);
        return k;
      };
      nacl2.box.after = nacl2.secretbox;
      nacl2.box.open = function(msg, nonce, publicKey, secretKey) {
        var k = nacl2.box.before(publicKey, secretKey);
        return nacl2.secretbox.open(msg, nonce, k);
      };
      nacl2.box.open.after = nacl2.secretbox.open;
      nacl2.box.keyPair = function() {
        var pk = new Uint8Array(crypto_box_PUBLICKEYBYTES);
        var sk = new Uint8Array(crypto_box_SECRETKEYBYTES);
        crypto_box_keypair(pk, sk);
        return { publicKey: pk, secretKey: sk };
      };
      nacl2.box.keyPair.fromSecretKey = function(secretKey) {
        checkArrayTypes(secretKey);
        if (secretKey.length !== crypto_box_SECRETKEYBYTES)
          throw new Error("bad secret key size");
        var pk = new Uint8Array(crypto_box_PUBLICKEYBYTES);
        crypto_scalarmult_base(pk, secretKey);
        return { publicKey: pk, secretKey: new Uint8Array(secretKey) };
      };
      nacl2.box.publicKeyLength = crypto_box_PUBLICKEYBYTES;
      nacl2.box.secretKeyLength = crypto_box_SECRETKEYBYTES;
      nacl2.box.sharedKeyLength = crypto_box_BEFORENMBYTES;
      nacl2.box.nonceLength = crypto_box_NONCEBYTES;
      nacl2.box.overheadLength = nacl2.secretbox.overheadLength;
      nacl2.sign = function(msg, secretKey) {
        checkArrayTypes(msg, secretKey);
        if (secretKey.length !== crypto_sign_SECRETKEYBYTES)
          throw new Error("bad secret key size");
        var signedMsg = new Uint8Array(crypto_sign_BYTES + msg.length);
        crypto_sign(signedMsg, msg, msg.length, secretKey);
        return signedMsg;
      };
      nacl2.sign.open = function(signedMsg, publicKey) {
        checkArrayTypes(signedMsg, publicKey);
        if (publicKey.length !== crypto_sign_PUBLICKEYBYTES)
          throw new Error("bad public key size");
        var tmp = new Uint8Array(signedMsg.length);
        var mlen = crypto_sign_open(tmp, signedMsg, signedMsg.length, publicKey);
        if (mlen < 0) return null;
        var m = new Uint8Array(mlen);
        for (var i = 0; i < m.length; i++) m[i] = tmp[i];
        return m;
      };
      nacl2.sign.detached = function(msg, secretKey) {
        var signedMsg = nacl2.sign(msg, secretKey);
        var sig = new Uint8Array(crypto_sign_BYTES);
        for (var i = 0; i < sig.length; i++) sig[i] = signedMsg[i];
        return sig;
      };
      nacl2.sign.detached.verify = function(msg, sig, publicKey) {
        checkArrayTypes(msg, sig, publicKey);
        if (sig.length !== crypto_sign_BYTES)
          throw new Error("bad signature size");
        if (publicKey.length !== crypto_sign_PUBLICKEYBYTES)
          throw new Error("bad public key size");
        var sm = new Uint8Array(crypto_sign_BYTES + msg.length);
        var m = new Uint8Array(crypto_sign_BYTES + msg.length);
        var i;
        for (i = 0; i < crypto_sign_BYTES; i++) sm[i] = sig[i];
        for (i = 0; i < msg.length; i++) sm[i + crypto_sign_BYTES] = msg[i];
        return crypto_sign_open(m, sm, sm.length, publicKey) >= 0;
      };
      nacl2.sign.keyPair = function() {
        var pk = new Uint8Array(crypto_sign_PUBLICKEYBYTES);
        var sk = new Uint8Array(crypto_sign_SECRETKEYBYTES);
        crypto_sign_keypair(pk, sk);
        return { publicKey: pk, secretKey: sk };
      };
      nacl2.sign.keyPair.fromSecretKey = function(secretKey) {
        checkArrayTypes(secretKey);
        if (secretKey.length !== crypto_sign_SECRETKEYBYTES)
          throw new Error("bad secret key size");
        var pk = new Uint8Array(crypto_sign_PUBLICKEYBYTES);
        for (var i = 0; i < pk.length; i++) pk[i] = secretKey[32 + i];
        return { publicKey: pk, secretKey: new Uint8Array(secretKey) };
      };
      nacl2.sign.keyPair.fromSeed = function(seed) {
        checkArrayTypes(seed);
        if (seed.length !== crypto_sign_SEEDBYTES)
          throw new Error("bad seed size");
        var pk = new Uint8Array(crypto_sign_PUBLICKEYBYTES);
        var sk = new Uint8Array(crypto_sign_SECRETKEYBYTES);
        for (var i = 0; i < 32; i++) sk[i] = seed[i];
        crypto_sign_keypair(pk, sk, true);
        return { publicKey: pk, secretKey: sk };
      };
      nacl2.sign.publicKeyLength = crypto_sign_PUBLICKEYBYTES;
      nacl2.sign.secretKeyLength = crypto_sign_SECRETKEYBYTES;
      nacl2.sign.seedLength = crypto_sign_SEEDBYTES;
      nacl2.sign.signatureLength = crypto_sign_BYTES;
      nacl2.hash = function(msg) {
        checkArrayTypes(msg);
        var h = new Uint8Array(crypto_hash_BYTES);
        crypto_hash(h, msg, msg.length);
        return h;
      };
      nacl2.hash.hashLength = crypto_hash_BYTES;
      nacl2.verify = function(x, y) {
        checkArrayTypes(x, y);
        if (x.length === 0 || y.length === 0) return false;
        if (x.length !== y.length) return false;
        return vn(x, 0, y, 0, x.length) === 0 ? true : false;
      };
      nacl2.setPRNG = function(fn) {
        randombytes = fn;
      };
      (function() {
        var crypto = typeof self !== "undefined" ? self.crypto || self.msCrypto : null;
        if (crypto && crypto.getRandomValues) {
          var QUOTA = 65536;
          nacl2.setPRNG(function(x, n) {
            var i, v = new Uint8Array(n);
            for (i = 0; i < n; i += QUOTA) {
              crypto.getRandomValues(v.subarray(i, i + Math.min(n - i, QUOTA)));
            }
            for (i = 0; i < n; i++) x[i] = v[i];
            cleanup(v);
          });
        } else if (typeof __require !== "undefined") {
          crypto = __require("crypto");
          if (crypto && crypto.randomBytes) {
            nacl2.setPRNG(function(x, n) {
              var i, v = crypto.randomBytes(n);
              for (i = 0; i < n; i++) x[i] = v[i];
              cleanup(v);
            });
          }
        }
      })();
    })(typeof module !== "undefined" && module.exports ? module.exports : self.nacl = self.nacl || {});
  }
});

// src/report/escape.ts
var UNSAFE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
var UNSAFE_IN_JSON = /[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
function visible(s) {
  return s.replace(/%(?=[0-9A-Fa-f]{2})/g, "%25").replace(UNSAFE, (c) => encodeURIComponent(c));
}
function commandSafe(line) {
  return visible(line).replace(/^([\s\u180e]*):(?=:)/, "$1%3A").replace(/##\[/g, "##%5B");
}
function terminalSafe(s) {
  return s.replace(UNSAFE, (c) => {
    const n = c.charCodeAt(0);
    return n <= 255 ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u${n.toString(16).padStart(4, "0")}`;
  });
}
function escapeHtml(s) {
  return visible(s).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]
  );
}
function mdCode(s) {
  const clean = visible(s).replace(/`/g, "'").replace(/\|/g, "\\|");
  return `\`${clean}\``;
}
function mdText(s) {
  return visible(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/([\\`*_[\]#!~])/g, "\\$1").replace(/\|/g, "\\|").replace(/@/g, "@\u200B");
}
function jsonSafe(json) {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).replace(/##\[/g, "##\\u005b");
}

// src/config/errors.ts
var ConfigError = class extends Error {
  file;
  line;
  col;
  /** The message without the `file:line:col: ` prefix. */
  text;
  constructor(file, line, col, text, options) {
    super(`${file}:${line}:${col}: ${text}`, options);
    this.name = "ConfigError";
    this.file = file;
    this.line = line;
    this.col = col;
    this.text = text;
  }
};
var ConfigErrors = class extends Error {
  errors;
  constructor(errors) {
    super(errors.map((e) => e.message).join("\n"));
    this.name = "ConfigErrors";
    this.errors = errors;
  }
};
var ErrorCollector = class {
  constructor(file, lines) {
    this.file = file;
    this.lines = lines;
  }
  file;
  lines;
  errors = [];
  /** Position of an offset, 1-based; offsets past the end clamp to the last position. */
  pos(offset) {
    if (!this.lines) return { line: 1, col: 1 };
    return this.lines.linePos(Math.max(0, offset));
  }
  at(offset, text, cause) {
    const { line, col } = this.pos(offset);
    this.errors.push(new ConfigError(this.file, line, col, text, cause === void 0 ? void 0 : { cause }));
  }
  atLineCol(line, col, text) {
    this.errors.push(new ConfigError(this.file, line, col, text));
  }
  get count() {
    return this.errors.length;
  }
  /** Throws every collected error, sorted by position so the output reads top to bottom. */
  throwIfAny() {
    if (this.errors.length === 0) return;
    const sorted = [...this.errors].sort((a, b) => a.line - b.line || a.col - b.col);
    throw new ConfigErrors(sorted);
  }
};
function levenshtein(a, b) {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = cur;
  }
  return prev[b.length];
}
function didYouMean(word, known) {
  const norm = (s) => s.toLowerCase().replace(/_/g, "-");
  let best;
  let bestDist = Infinity;
  for (const k of known) {
    const d = levenshtein(norm(word), norm(k));
    if (d < bestDist) {
      bestDist = d;
      best = k;
    }
  }
  if (best === void 0) return void 0;
  return bestDist <= Math.max(1, Math.floor(best.length / 3)) ? best : void 0;
}
function unknownKeyMessage(key3, known, where) {
  const guess = didYouMean(key3, known);
  const hint = guess ? ` (did you mean "${guess}"?)` : "";
  return `unknown key "${key3}" in ${where}${hint}; expected one of: ${known.join(", ")}`;
}

// src/config/import.ts
var import_yaml4 = __toESM(require_dist4(), 1);
import { basename } from "node:path";

// src/config/filters.ts
var import_range = __toESM(require_range(), 1);
var import_parse = __toESM(require_parse(), 1);
var import_valid = __toESM(require_valid(), 1);

// src/config/targets.ts
import { normalize } from "node:path";
var NO_DEFAULT_TAG = { defaultTag: false };
var SUPPORTED = ["oci", "docker-archive", "dir"];
var KNOWN_TRANSPORT_RE = /^(oci|docker-archive|dir|oci-archive|containers-storage|docker-daemon|ostree|sif|tarball):/;
var OCI_COMPONENT = "[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*";
var OCI_REF_RE = new RegExp(`^${OCI_COMPONENT}(?:/${OCI_COMPONENT})*$`);
var ACR_PERSONAL_RE = /^(?:registry(?:-vpc|-intl)?\.[a-z0-9-]+\.aliyuncs\.com|crpi-[a-z0-9]+\.[a-z0-9-]+\.personal\.cr\.aliyuncs\.com)$/;
function transportOf(s) {
  return KNOWN_TRANSPORT_RE.exec(s)?.[1];
}
function stripDocker(s) {
  return s.startsWith("docker://") ? s.slice("docker://".length) : s;
}
function parseTarget(raw) {
  const transport = transportOf(raw);
  if (transport === void 0)
    return { kind: "registry", raw, ref: parseReference(stripDocker(raw), NO_DEFAULT_TAG) };
  if (!SUPPORTED.includes(transport)) {
    throw new Error(
      `the ${transport}: transport is not supported; use a registry reference, oci:, docker-archive: or dir:`
    );
  }
  const rest = raw.slice(transport.length + 1);
  const colon = rest.indexOf(":");
  const path2 = colon < 0 ? rest : rest.slice(0, colon);
  const suffix = colon < 0 ? void 0 : rest.slice(colon + 1);
  if (path2 === "")
    throw new Error(`"${raw}" names no ${transport === "docker-archive" ? "file" : "directory"}`);
  if (transport === "dir") {
    if (suffix !== void 0) throw new Error(`"${raw}": a dir: target is a directory only (no :reference)`);
    return { kind: "dir", raw, dir: path2 };
  }
  if (suffix === "") throw new Error(`"${raw}" ends with ":" but gives no reference`);
  if (transport === "oci") {
    if (suffix !== void 0 && !OCI_REF_RE.test(suffix)) {
      throw new Error(
        `"${suffix}" is not a valid OCI layout reference name (letters, digits and . _ - : @ + /)`
      );
    }
    return { kind: "oci", raw, dir: path2, ref: suffix };
  }
  if (suffix !== void 0) {
    const ref = parseReference(suffix, NO_DEFAULT_TAG);
    if (ref.digest || !ref.tag)
      throw new Error(`"${raw}": the name in a docker-archive target must be NAME:TAG`);
  }
  return { kind: "docker-archive", raw, file: path2, name: suffix };
}
function targetHasTag(t) {
  switch (t.kind) {
    case "registry":
      return t.ref.tag !== void 0 || t.ref.digest !== void 0;
    case "oci":
      return t.ref !== void 0;
    case "docker-archive":
      return t.name !== void 0;
    case "dir":
      return true;
  }
}
function lastComponent(repository) {
  return repository.slice(repository.lastIndexOf("/") + 1);
}
function composeTarget(base, source) {
  const name2 = lastComponent(source.repository);
  const transport = transportOf(base);
  if (transport === "docker-archive") {
    throw new Error("defaults.target cannot be a docker-archive: file; give each entry its own archive");
  }
  if (transport === "oci" && base.slice(4).includes(":")) {
    throw new Error("defaults.target for oci: must be a directory without :reference");
  }
  return `${base.replace(/\/+$/, "")}/${name2}`;
}
function registryPathProblem(ref) {
  if (ACR_PERSONAL_RE.test(ref.registry) && ref.repository.split("/").length !== 2) {
    return `Aliyun ACR (personal edition) accepts only namespace/repository, not "${ref.repository}"; use a target like HOST/NAMESPACE/NAME, or ~ with defaults.target HOST/NAMESPACE`;
  }
  return void 0;
}
function targetFor(entry, sourceTag) {
  const t = parseTarget(entry.target);
  const tag = sourceTag || entry.sourceRef.tag;
  if (targetHasTag(t)) return entry.target;
  switch (t.kind) {
    case "registry":
      if (tag !== void 0) return `${entry.target}:${tag}`;
      if (entry.sourceRef.digest) return `${entry.target}@${entry.sourceRef.digest}`;
      throw new Error(`${entry.source}: no tag to map onto ${entry.target}`);
    case "oci":
      return tag !== void 0 ? `${entry.target}:${tag}` : entry.target;
    case "docker-archive": {
      if (tag === void 0) return entry.target;
      const name2 = formatReference({
        registry: entry.sourceRef.registry,
        repository: entry.sourceRef.repository,
        tag
      });
      return `${entry.target}:${name2}`;
    }
    default:
      return entry.target;
  }
}
function targetKey(full) {
  const t = parseTarget(full);
  switch (t.kind) {
    case "registry":
      return `docker://${t.ref.registry}/${t.ref.repository}${t.ref.tag ? `:${t.ref.tag}` : ""}${t.ref.digest ? `@${t.ref.digest}` : ""}`;
    case "oci":
      return `oci:${normalize(t.dir)}:${t.ref ?? ""}`;
    case "docker-archive":
      return `docker-archive:${normalize(t.file)}:${t.name ?? ""}`;
    case "dir":
      return `dir:${normalize(t.dir)}`;
  }
}

// src/config/filters.ts
var TAG_RE = /^[\w][\w.-]{0,127}$/;
function compileTagPattern(pattern) {
  if (pattern.startsWith("/")) {
    const end = pattern.lastIndexOf("/");
    if (end <= 0) throw new Error(`"${pattern}" starts a /regex/ but has no closing slash`);
    const body = pattern.slice(1, end);
    const flags = pattern.slice(end + 1);
    if (body === "") throw new Error(`"${pattern}" is an empty regex`);
    if (!/^i?$/.test(flags)) throw new Error(`"${pattern}": only the i flag is supported after a /regex/`);
    let re;
    try {
      re = new RegExp(`^(?:${body})$`, flags);
    } catch (err) {
      const why = err instanceof Error ? err.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, "") : String(err);
      throw new Error(`invalid regex ${pattern}: ${why}`, { cause: err });
    }
    return (tag) => re.test(tag);
  }
  if (pattern === "*") return () => true;
  if (/[*?]/.test(pattern)) {
    if (!/^[\w.*?-]+$/.test(pattern)) {
      throw new Error(
        `"${pattern}" is not a tag glob: tags contain only letters, digits, _ . - (use /regex/ for more)`
      );
    }
    const src = pattern.replace(/[.\\+^$(){}[\]|-]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    const re = new RegExp(`^${src}$`);
    return (tag) => re.test(tag);
  }
  if (!TAG_RE.test(pattern)) {
    throw new Error(
      `"${pattern}" is not a valid tag (letters, digits, _ . - up to 128 characters, not starting with . or -)`
    );
  }
  return (tag) => tag === pattern;
}
function tagPatternError(pattern) {
  try {
    compileTagPattern(pattern);
    return void 0;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
function isExactTag(pattern) {
  return !pattern.startsWith("/") && !/[*?]/.test(pattern);
}
var VERSION_TAG_RE = /^v?(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:\.(0|[1-9]\d*))?(?:-([0-9A-Za-z.-]+))?$/;
var LOOSE = { loose: true };
function tagVersion(tag) {
  const m = VERSION_TAG_RE.exec(tag);
  if (!m) return null;
  const text = `${m[1]}.${m[2] ?? "0"}.${m[3] ?? "0"}${m[4] ? `-${m[4]}` : ""}`;
  return (0, import_parse.default)(text, LOOSE);
}
function validSemverRange(range) {
  if (range.trim() === "") return void 0;
  return (0, import_valid.default)(range) ?? void 0;
}
var newestFirst = (a, b) => b.v.compare(a.v) || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0);
var TRIM_SLACK = 1024;
function firstMatch(patterns, tag) {
  return patterns.find((p) => p.match(tag))?.pattern;
}
var list = (patterns) => JSON.stringify(patterns);
function explainTags(tags, filter) {
  const verdicts = /* @__PURE__ */ new Map();
  const kept = filterTags(tags, filter, verdicts);
  return { kept, verdicts: [...verdicts.values()] };
}
function filterTags(tags, filter, verdicts) {
  const compile = (ps) => ps.map((pattern) => ({ pattern, match: compileTagPattern(pattern) }));
  const include = compile(filter.tags ?? ["*"]);
  const exclude = compile(filter.exclude ?? []);
  let range;
  if (filter.semver !== void 0) {
    const valid3 = validSemverRange(filter.semver);
    if (valid3 === void 0) throw new Error(`invalid semver range "${filter.semver}"`);
    range = new import_range.default(valid3);
  }
  const n = filter.latest;
  const versions = filter.semver !== void 0 || n !== void 0;
  const why = filter.semver !== void 0 ? "semver" : "latest";
  const versioned = [];
  const matched = [];
  for (const tag of new Set(tags)) {
    const drop = (by, reason) => void verdicts?.set(tag, { tag, kept: false, by, reason: reason() });
    const inc = firstMatch(include, tag);
    if (inc === void 0) {
      drop("tags", () => `matches none of tags ${list(filter.tags ?? ["*"])}`);
      continue;
    }
    const exc = firstMatch(exclude, tag);
    if (exc !== void 0) {
      drop("exclude", () => `matches exclude ${JSON.stringify(exc)}`);
      continue;
    }
    if (!versions) {
      verdicts?.set(tag, { tag, kept: true, by: "tags", reason: `matches tags ${JSON.stringify(inc)}` });
      matched.push(tag);
      continue;
    }
    const v = tagVersion(tag);
    if (!v) {
      drop(why, () => `not a version: ${why} orders versions, so tags that are none are dropped`);
      continue;
    }
    if (range !== void 0 && !range.test(v)) {
      drop(
        "semver",
        () => v.prerelease.length > 0 && range.test(v.version.replace(/-.*/, "")) ? `${v.version} is a prerelease: semver ${JSON.stringify(filter.semver)} names no prerelease` : `${v.version} is outside semver ${JSON.stringify(filter.semver)}`
      );
      continue;
    }
    if (range === void 0 && v.prerelease.length > 0) {
      drop("latest", () => `${v.version} is a prerelease: latest counts releases only`);
      continue;
    }
    versioned.push({ tag, v });
    if (!verdicts && n !== void 0 && versioned.length >= n + TRIM_SLACK) {
      versioned.sort(newestFirst);
      versioned.length = n;
    }
    verdicts?.set(tag, {
      tag,
      kept: true,
      by: "semver",
      reason: range !== void 0 ? `matches tags ${JSON.stringify(inc)}; ${v.version} is within semver ${JSON.stringify(filter.semver)}` : `matches tags ${JSON.stringify(inc)}; version ${v.version}`
    });
  }
  if (!versions) return matched;
  versioned.sort(newestFirst);
  const kept = [];
  versioned.forEach(({ tag }, i) => {
    if (n !== void 0 && i >= n) {
      verdicts?.set(tag, {
        tag,
        kept: false,
        by: "latest",
        reason: `newest ${i + 1} of ${versioned.length}: latest keeps ${n}`
      });
      return;
    }
    const verdict = verdicts?.get(tag);
    if (n !== void 0 && verdict)
      verdicts.set(tag, {
        ...verdict,
        by: "latest",
        reason: `${verdict.reason}; newest ${i + 1} of ${versioned.length}, latest keeps ${n}`
      });
    kept.push(tag);
  });
  return kept;
}
function selectTags(tags, filter) {
  return filterTags(tags, filter);
}

// src/config/import-render.ts
var import_yaml = __toESM(require_dist4(), 1);
function emptyImport() {
  return { registries: /* @__PURE__ */ new Map(), entries: [], notes: [] };
}
function yamlString(s) {
  if (new RegExp("\\p{Cc}", "u").test(s)) return JSON.stringify(s);
  if (/^[A-Za-z0-9_./@+-][A-Za-z0-9_./@:+-]*$/.test(s) && !s.endsWith(":")) {
    try {
      if ((0, import_yaml.parse)(s, { schema: "core" }) === s) return s;
    } catch {
    }
  }
  return `'${s.replace(/'/g, "''")}'`;
}
function flowList(items) {
  return `[${items.map(yamlString).join(", ")}]`;
}
function entryValue(e, indent) {
  const opts = [];
  if (e.tags) opts.push(`tags: ${flowList(e.tags)}`);
  if (e.exclude) opts.push(`exclude: ${flowList(e.exclude)}`);
  if (e.semver !== void 0) opts.push(`semver: ${yamlString(e.semver)}`);
  if (e.platforms) opts.push(`platforms: ${flowList(e.platforms)}`);
  if (e.referrers !== void 0) opts.push(`referrers: ${e.referrers}`);
  if (opts.length === 0) return ` ${e.target === void 0 ? "~" : yamlString(e.target)}`;
  if (e.target !== void 0) opts.unshift(`target: ${yamlString(e.target)}`);
  return opts.map((o) => `
${indent}${o}`).join("");
}
function renderImported(imp, format, file, defaultsTarget) {
  const lines = [];
  lines.push(`# mirror-action config (version 1), converted from the ${format} file ${file}.`);
  for (const note of imp.notes) lines.push(`# NOTE: ${note}`);
  const needsDefault = imp.entries.some((e) => e.target === void 0);
  if (needsDefault && defaultsTarget === void 0) {
    lines.push("# NOTE: entries with ~ need defaults.target: set it below (or import with --target PREFIX).");
  }
  lines.push("version: 1");
  const defaults = [];
  if (defaultsTarget !== void 0) defaults.push(`  target: ${yamlString(defaultsTarget)}`);
  else if (needsDefault) defaults.push("  # target: registry.example.com/my-namespace");
  if (imp.defaults?.referrers !== void 0) defaults.push(`  referrers: ${imp.defaults.referrers}`);
  if (defaults.length > 0) lines.push("defaults:", ...defaults);
  if (imp.registries.size > 0) {
    lines.push("registries:");
    for (const [host, o] of imp.registries) {
      lines.push(`  ${yamlString(host)}:${o.insecure !== void 0 ? ` { insecure: ${o.insecure} }` : " {}"}`);
    }
  }
  lines.push("images:");
  if (imp.entries.length === 0) lines.push("  # no images were found in the input");
  const sources = imp.entries.map((e) => e.source);
  const listForm = new Set(sources).size !== sources.length;
  for (const e of imp.entries) {
    if (listForm) lines.push(`  - ${yamlString(e.source)}:${entryValue(e, "      ")}`);
    else lines.push(`  ${yamlString(e.source)}:${entryValue(e, "    ")}`);
  }
  return lines.join("\n") + "\n";
}
function goRegexToTagPattern(re) {
  let body = re.replace(/\(\?P</g, "(?<");
  let flags = "";
  if (body.startsWith("(?i)")) {
    body = body.slice(4);
    flags = "i";
  }
  const simple = !body.includes("|");
  const start2 = simple && body.startsWith("^");
  const end = simple && body.endsWith("$") && !body.endsWith("\\$");
  if (start2) body = body.slice(1);
  if (end) body = body.slice(0, -1);
  if (!start2 || !end) body = `${start2 ? "" : ".*"}${simple ? body : `(?:${body})`}${end ? "" : ".*"}`;
  return `/${body}/${flags}`;
}
function goSemverToRange(c) {
  return c.split("||").map(
    (part) => part.split(",").map((s) => s.trim().replace(/^(>=|<=|>|<|=|!=|~|\^)\s+/, "$1")).join(" ")
  ).join(" || ");
}

// src/config/import-list.ts
function tokens(line) {
  const out = [];
  const re = /\S+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m[0].startsWith("#")) break;
    out.push({ text: m[0], col: m.index + 1 });
  }
  return out;
}
function importList(text, file, defaultsTarget) {
  const errors = new ErrorCollector(file);
  const out = emptyImport();
  const byKey = /* @__PURE__ */ new Map();
  text.split(/\r?\n/).forEach((raw, i) => {
    const lineNo = i + 1;
    let platform;
    let platformText;
    const rest = [];
    const toks = tokens(raw);
    for (let t = 0; t < toks.length; t++) {
      const tok = toks[t];
      if (tok.text.startsWith("--platform")) {
        const value = tok.text.startsWith("--platform=") ? tok.text.slice(11) : toks[++t]?.text;
        try {
          if (value === void 0) throw new Error("missing value");
          platformText = value;
          platform = formatPlatform(parsePlatform(value));
        } catch (err) {
          errors.atLineCol(lineNo, tok.col, `--platform: ${err.message}`);
        }
      } else if (tok.text.startsWith("-")) {
        errors.atLineCol(
          lineNo,
          tok.col,
          `unknown option ${tok.text} (only --platform=os/arch is understood)`
        );
      } else {
        rest.push(tok);
      }
    }
    if (rest.length === 0) {
      if (platform !== void 0) errors.atLineCol(lineNo, 1, "--platform without an image");
      return;
    }
    if (rest.length > 2) {
      errors.atLineCol(lineNo, rest[2].col, "expected IMAGE or IMAGE TARGET on one line");
      return;
    }
    let ref;
    try {
      ref = parseReference(rest[0].text, NO_DEFAULT_TAG);
    } catch (err) {
      errors.atLineCol(lineNo, rest[0].col, err instanceof Error ? err.message : String(err));
      return;
    }
    const target = rest[1]?.text;
    if (target !== void 0 && transportOf(target) === void 0) {
      try {
        parseReference(target, NO_DEFAULT_TAG);
      } catch (err) {
        errors.atLineCol(lineNo, rest[1].col, `target: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
    }
    const source = ref.tag === void 0 && ref.digest === void 0 ? `${rest[0].text}:latest` : rest[0].text;
    const key3 = `${source} ${target ?? "~"} ${platform ?? ""}`;
    if (byKey.has(key3)) return;
    const e = {
      source,
      target,
      ref,
      text: rest[0].text,
      platformText,
      line: lineNo,
      platforms: platform ? [platform] : void 0
    };
    byKey.set(key3, e);
    out.entries.push(e);
  });
  errors.throwIfAny();
  pusherNames(out.entries, defaultsTarget, errors);
  errors.throwIfAny();
  for (const e of out.entries) {
    delete e.ref;
    delete e.text;
    delete e.platformText;
    delete e.line;
  }
  return out;
}
function namespaceOf(text) {
  const parts = text.split("/");
  return parts.length === 3 ? parts[1] : parts.length === 2 ? parts[0] : "";
}
function nameTagOf(text) {
  return text.split("/").at(-1).replace(/@.*$/, "");
}
function pusherNames(entries, prefix, errors) {
  const namespaces = /* @__PURE__ */ new Map();
  for (const e of entries) {
    if (e.target !== void 0) continue;
    const name2 = nameTagOf(e.text).replace(/:.*$/, "");
    namespaces.set(name2, (namespaces.get(name2) ?? /* @__PURE__ */ new Set()).add(namespaceOf(e.text)));
  }
  for (const e of entries) {
    if (e.target !== void 0) continue;
    const nameTag = nameTagOf(e.text);
    const name2 = nameTag.replace(/:.*$/, "");
    const ns = namespaceOf(e.text);
    const nsPrefix = namespaces.get(name2).size > 1 && ns ? `${ns}_` : "";
    const platformPrefix = e.platformText ? `${e.platformText.replace(/\//g, "_")}_` : "";
    const tagged = nameTag.includes(":") ? nameTag : `${nameTag}:latest`;
    const pushed = `${platformPrefix}${nsPrefix}${tagged}`;
    if (pushed === `${lastComponent(e.ref.repository)}:${e.ref.tag ?? "latest"}` && !e.ref.digest) continue;
    if (prefix === void 0) {
      errors.atLineCol(
        e.line,
        1,
        `docker_image_pusher pushes this image as ${pushed} under the target namespace: give --target PREFIX to spell it`
      );
      continue;
    }
    const target = `${prefix.replace(/\/+$/, "")}/${pushed}`;
    try {
      parseReference(target, NO_DEFAULT_TAG);
    } catch (err) {
      errors.atLineCol(e.line, 1, `target ${target}: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    e.target = target;
  }
}

// src/config/import-syncer.ts
var AUTH_KEYS = /* @__PURE__ */ new Set(["username", "password", "insecure"]);
function readAuth(r, entries, out) {
  let secrets = false;
  for (const a of entries) {
    if (r.kind(a.value) !== "map") continue;
    const host = a.key.split("/")[0];
    for (const f of r.entries(a.value, a.key)) {
      if (f.key !== "insecure") {
        secrets = true;
        continue;
      }
      if (r.bool(f, `${a.key}.insecure`) !== true) continue;
      out.registries.set(host, { insecure: true });
      if (host !== a.key)
        out.notes.push(
          `insecure: true of ${a.key} applies to all of ${host} here (registries: options are per registry).`
        );
    }
  }
  if (secrets)
    out.notes.push("the auth section was not imported: pass credentials with the credentials input.");
}
function splitTarget(t) {
  const at = t.indexOf("@");
  if (at >= 0) return { repo: t.slice(0, at), tags: [], digest: t.slice(at + 1) };
  const colon = t.indexOf(":", t.lastIndexOf("/") + 1);
  if (colon < 0) return { repo: t, tags: [] };
  return {
    repo: t.slice(0, colon),
    tags: t.slice(colon + 1).split(",").map((x) => x.trim())
  };
}
function importImageSyncer(r, doc, h) {
  const out = emptyImport();
  let entries = h.rootEntries(r, doc, "source \u2192 target");
  const wrapped = entries.find((e) => e.key === "images" && r.kind(e.value) === "map");
  if (wrapped && entries.every((e) => e.key === "images" || e.key === "auth")) {
    const auth = entries.find((e) => e.key === "auth");
    if (auth && r.kind(auth.value) === "map") readAuth(r, r.entries(auth.value, "auth"), out);
    entries = r.entries(wrapped.value, "images");
  } else if (entries.length > 0 && entries.every(
    (e) => r.kind(e.value) === "map" && r.entries(e.value, e.key).every((f) => AUTH_KEYS.has(f.key))
  )) {
    readAuth(r, entries, out);
    const insecure = [...out.registries.keys()];
    r.errors.at(
      0,
      "this is an image-syncer auth file, which lists no images: import the images file" + (insecure.length ? ` (and set insecure: true under registries: for ${insecure.join(", ")})` : "")
    );
    return out;
  }
  for (const e of entries) {
    const m = /^(.*?):(\/.+\/)$/.exec(e.key);
    let repo = e.key;
    let tags;
    let pattern;
    let digest;
    if (m) {
      repo = m[1];
      pattern = goRegexToTagPattern(m[2].slice(1, -1));
    } else if (e.key.includes("@")) {
      digest = e.key.slice(e.key.indexOf("@") + 1);
    } else {
      const colon = e.key.indexOf(":", e.key.lastIndexOf("/") + 1);
      if (colon >= 0) {
        repo = e.key.slice(0, colon);
        tags = e.key.slice(colon + 1).split(",").map((t) => t.trim());
      }
    }
    if (!h.checkedSource(r, repo, e.offset)) continue;
    if (pattern !== void 0 && tagPatternError(pattern)) {
      r.errors.at(e.offset, `${e.key}: ${tagPatternError(pattern)}`);
      continue;
    }
    for (const target of readTargets(r, e) ?? []) {
      const t = target === void 0 ? void 0 : splitTarget(target);
      if (t && t.digest !== void 0 && t.digest !== digest) {
        r.errors.at(r.valueOffset(e), `${target}: a target may name only the source's own digest`);
        continue;
      }
      if (t && t.tags.length > 0 && !tags && !digest) {
        r.errors.at(
          r.valueOffset(e),
          `${target}: the source selects tags by ${pattern ? "regex" : "listing all of them"}, so image-syncer keeps their names; the target cannot name tags`
        );
        continue;
      }
      if (t && t.tags.length > 0 && tags && t.tags.length !== tags.length) {
        r.errors.at(
          r.valueOffset(e),
          `${target}: ${tags.length} source tag(s) but ${t.tags.length} target tag(s); image-syncer renames them left to right and needs as many`
        );
        continue;
      }
      if (t && (t.tags.length > 0 || t.digest !== void 0) && !targetOk(r, t.repo, r.valueOffset(e)))
        continue;
      const dst = t?.repo ?? void 0;
      if (pattern !== void 0) out.entries.push({ source: repo, target: dst, tags: [pattern] });
      else if (digest !== void 0) {
        if (t && t.tags.length > 1) {
          r.errors.at(r.valueOffset(e), `${target}: a digest is one image; the target can name one tag`);
          continue;
        }
        out.entries.push({ source: e.key, target: t && t.tags.length ? `${t.repo}:${t.tags[0]}` : t?.repo });
      } else if (tags === void 0) out.entries.push({ source: repo, target, tags: ["*"] });
      else
        tags.forEach((tag, i) => {
          if (!h.checkedSource(r, `${repo}:${tag}`, e.offset)) return;
          const renamed = t && t.tags.length > 0 ? `${t.repo}:${t.tags[i]}` : target;
          out.entries.push({ source: `${repo}:${tag}`, target: renamed });
        });
    }
  }
  return out;
}
function targetOk(r, repo, offset) {
  try {
    parseReference(repo, NO_DEFAULT_TAG);
    return true;
  } catch (err) {
    r.errors.at(offset, `target ${repo}: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}
function readTargets(r, e) {
  const k = r.kind(e.value);
  if (k === "null") return [void 0];
  if (k === "string") return [r.text(e.value) || void 0];
  const items = r.stringList(e, e.key);
  return items?.map((i) => i.value || void 0);
}

// src/config/import-regsync.ts
var import_yaml2 = __toESM(require_dist4(), 1);
var TOP = ["version", "creds", "defaults", "sync"];
var CRED_KEYS = [
  "registry",
  "hostname",
  "user",
  "pass",
  "credHelper",
  "credExpire",
  "tls",
  "regcert",
  "clientCert",
  "clientKey",
  "pathPrefix",
  "mirrors",
  "priority",
  "repoAuth",
  "blobChunk",
  "blobMax",
  "reqPerSec",
  "reqConcurrent",
  "apiOpts"
];
var STEP_ONLY = [
  "backup",
  "interval",
  "schedule",
  "ratelimit",
  "digestTags",
  "referrerFilters",
  "forceRecursive",
  "mediaTypes",
  "fastCheck",
  "includeExternal",
  "referrerSource",
  "referrerTarget",
  "cacheCount",
  "cacheTime",
  "parallel",
  "skipDockerConfig",
  "userAgent",
  "hooks"
];
var STEP_KEYS = ["source", "target", "type", "tags", "platform", "referrers", ...STEP_ONLY];
var DEFAULT_KEYS = ["referrers", ...STEP_ONLY];
function mapEntries(r, node, where) {
  return r.entries(node, where).filter((e) => !e.key.startsWith("x-"));
}
function listItems(r, e, where) {
  const n = r.deref(e.value);
  if (r.kind(n) === "null") return [];
  if (!(0, import_yaml2.isSeq)(n)) {
    r.typeError(e, where, "a list");
    return [];
  }
  return n.items.map((i) => r.deref(i)).filter((i) => i !== null);
}
function regsyncTagPattern(re) {
  if (/^[A-Za-z0-9_-]+$/.test(re)) return re;
  let body = re.replace(/\(\?P</g, "(?<");
  let flags = "";
  if (body.startsWith("(?i)")) {
    body = body.slice(4);
    flags = "i";
  }
  return `/${body}/${flags}`;
}
function importRegsync(r, doc) {
  const out = emptyImport();
  const root = r.deref(doc.contents);
  if (r.kind(root) !== "map") {
    r.error(root, `expected a regsync config (a map with sync:), got ${r.describe(root)}`);
    return out;
  }
  const top = r.known(mapEntries(r, root, "the file"), TOP, "the file");
  const version = top.get("version");
  if (version && r.text(version.value) !== "1")
    r.error(version.value, "only regsync config version 1 is known");
  const skipped = /* @__PURE__ */ new Set();
  for (const c of top.get("creds") ? listItems(r, top.get("creds"), "creds") : []) readCred(r, c, out);
  let referrers2 = false;
  const defaults = top.get("defaults");
  if (defaults) {
    const d = r.known(mapEntries(r, defaults.value, "defaults"), DEFAULT_KEYS, "defaults");
    for (const k of d.keys()) if (k !== "referrers") skipped.add(`defaults.${k}`);
    const ref = d.get("referrers");
    if (ref) referrers2 = r.bool(ref, "defaults.referrers") === true;
  }
  out.defaults = { referrers: referrers2 };
  for (const step of top.get("sync") ? listItems(r, top.get("sync"), "sync") : []) {
    const entry = readStep(r, step, out, skipped);
    if (entry) out.entries.push(entry);
  }
  if (skipped.size > 0)
    out.notes.push(
      `not imported (scheduling, backups and tuning have no counterpart here): ${[...skipped].sort().join(", ")}.`
    );
  return out;
}
function readCred(r, node, out) {
  if (r.kind(node) !== "map") {
    r.error(node, `creds: expected a map (registry, tls, \u2026), got ${r.describe(node)}`);
    return;
  }
  const c = r.known(mapEntries(r, node, "creds"), CRED_KEYS, "creds");
  const reg = c.get("registry");
  const host = reg ? r.string(reg, "creds.registry") : void 0;
  if (!host) {
    if (!reg) r.error(node, "creds: an entry without registry:");
    return;
  }
  if (host.includes("{{")) {
    r.error(reg.value, `creds.registry "${host}": Go templates cannot be converted; write the value`);
    return;
  }
  const tls = c.get("tls");
  const mode = tls ? r.string(tls, `creds "${host}".tls`) : "enabled";
  if (mode === "insecure" || mode === "disabled") out.registries.set(host, { insecure: true });
  else if (mode !== void 0 && mode !== "enabled")
    r.errors.at(
      r.valueOffset(tls),
      `creds "${host}".tls: expected enabled, insecure or disabled, got "${mode}"`
    );
  if (c.has("user") || c.has("pass") || c.has("credHelper"))
    out.notes.push(`credentials for ${host} were not imported: pass them with the credentials input.`);
  if (c.has("regcert") || c.has("clientCert"))
    out.notes.push(
      `the certificates of ${host} were not imported: set registries."${host}".ca-file / cert-file / key-file.`
    );
  for (const k of ["hostname", "pathPrefix", "mirrors"])
    if (c.has(k)) out.notes.push(`${k} of ${host} was not imported: there is no counterpart.`);
}
function readStep(r, node, out, skipped) {
  if (r.kind(node) !== "map") {
    r.error(node, `sync: expected a step (source, target, type), got ${r.describe(node)}`);
    return void 0;
  }
  const s = r.known(mapEntries(r, node, "sync step"), STEP_KEYS, "sync step");
  for (const k of s.keys()) if (STEP_ONLY.includes(k)) skipped.add(k);
  const read = (key3) => {
    const e = s.get(key3);
    if (!e) {
      r.error(node, `sync step: ${key3} is required`);
      return void 0;
    }
    const v = r.string(e, key3);
    if (v?.includes("{{")) {
      r.errors.at(
        r.valueOffset(e),
        `${key3} "${v}": Go templates cannot be converted; write the expanded value`
      );
      return void 0;
    }
    return v;
  };
  const source = read("source");
  const target = read("target");
  if (source === void 0 || target === void 0) return void 0;
  const typeEntry = s.get("type");
  const type = typeEntry ? r.string(typeEntry, "type") : void 0;
  if (type === "registry") {
    out.notes.push(
      `the registry step ${source} \u2192 ${target} was not imported: list the repositories to mirror.`
    );
    return void 0;
  }
  let ref;
  try {
    ref = parseReference(source, NO_DEFAULT_TAG);
    parseReference(target, NO_DEFAULT_TAG);
  } catch (err) {
    r.error(node, `sync step ${source} \u2192 ${target}: ${err instanceof Error ? err.message : String(err)}`);
    return void 0;
  }
  const pinned = ref.tag !== void 0 || ref.digest !== void 0;
  const kind = type ?? (pinned ? "image" : "repository");
  if (kind !== "image" && kind !== "repository") {
    r.errors.at(r.valueOffset(typeEntry), `type: expected image, repository or registry, got "${type}"`);
    return void 0;
  }
  const entry = { source, target };
  if (kind === "image") {
    if (!pinned) entry.source = `${source}:latest`;
  } else {
    if (pinned) {
      r.error(node, `sync step ${source}: a repository step names no tag or digest`);
      return void 0;
    }
    const tags = s.get("tags");
    const f = tags ? r.known(r.entries(tags.value, "tags"), ["allow", "deny"], "tags") : /* @__PURE__ */ new Map();
    const patterns = (key3) => {
      const e = f.get(key3);
      if (!e) return void 0;
      const out2 = [];
      for (const it of r.stringList(e, `tags.${key3}`) ?? []) {
        const p = regsyncTagPattern(it.value);
        const problem = tagPatternError(p);
        if (problem) r.errors.at(it.offset, `tags.${key3}: ${problem}`);
        else out2.push(p);
      }
      return out2;
    };
    entry.tags = patterns("allow") ?? ["*"];
    const deny = patterns("deny");
    if (deny?.length) entry.exclude = deny;
  }
  const platform = s.get("platform");
  if (platform) {
    const p = r.string(platform, "platform");
    try {
      if (p !== void 0) entry.platforms = [formatPlatform(parsePlatform(p))];
    } catch (err) {
      r.errors.at(r.valueOffset(platform), `platform: ${err.message}`);
    }
  }
  const refs = s.get("referrers");
  if (refs) entry.referrers = r.bool(refs, "referrers");
  return entry;
}

// src/config/nodes.ts
var import_yaml3 = __toESM(require_dist4(), 1);
var NodeReader = class {
  constructor(doc, errors) {
    this.doc = doc;
    this.errors = errors;
  }
  doc;
  errors;
  mergedCache = /* @__PURE__ */ new Map();
  /** Resolves aliases (one level is enough: anchors point at nodes, never at other aliases). */
  deref(node) {
    let n = node;
    for (let i = 0; i < 8 && (0, import_yaml3.isAlias)(n); i++) n = n.resolve(this.doc);
    return n == null ? null : n;
  }
  offset(node, fallback = 0) {
    return node?.range ? node.range[0] : fallback;
  }
  error(node, text, fallback = 0) {
    this.errors.at(this.offset(node, fallback), text);
  }
  kind(node) {
    const n = this.deref(node);
    if (n === null) return "null";
    if ((0, import_yaml3.isMap)(n)) return "map";
    if ((0, import_yaml3.isSeq)(n)) return "list";
    if ((0, import_yaml3.isScalar)(n)) {
      const v = n.value;
      if (v === null || v === void 0) return "null";
      if (typeof v === "string") return "string";
      if (typeof v === "number" || typeof v === "bigint") return "number";
      if (typeof v === "boolean") return "boolean";
    }
    return "other";
  }
  describe(node) {
    const k = this.kind(node);
    const n = this.deref(node);
    const shown = (0, import_yaml3.isScalar)(n) && n.source !== void 0 ? ` (${JSON.stringify(String(n.source))})` : "";
    switch (k) {
      case "map":
        return "a map";
      case "list":
        return "a list";
      case "null":
        return "nothing";
      case "other":
        return "an unsupported value";
      default:
        return `a ${k}${shown}`;
    }
  }
  /** The scalar's text as written (for plain scalars) or its string value (quoted/block scalars). */
  text(node) {
    const n = this.deref(node);
    if (!(0, import_yaml3.isScalar)(n)) return void 0;
    if (n.source !== void 0) return String(n.source);
    return n.value === null || n.value === void 0 ? void 0 : String(n.value);
  }
  /**
   * Map entries with scalar keys; duplicate and non-scalar keys are reported and skipped. YAML merge
   * keys (`<<: *shared`, or a list of aliases) are expanded the YAML 1.1 way: keys written in the
   * map win over merged ones, earlier merged maps over later ones.
   */
  entries(node, where, depth = 0) {
    const n = this.deref(node);
    if (!(0, import_yaml3.isMap)(n)) return [];
    const seen = /* @__PURE__ */ new Map();
    const out = [];
    const merges = [];
    for (const pair2 of n.items) {
      const keyNode = this.deref(pair2.key);
      const offset = this.offset(keyNode, this.offset(n));
      const key3 = (0, import_yaml3.isScalar)(keyNode) ? this.text(keyNode) : void 0;
      if (key3 === "<<" && (0, import_yaml3.isScalar)(keyNode) && keyNode.type === "PLAIN") {
        const v = this.deref(pair2.value);
        const sources = (0, import_yaml3.isSeq)(v) ? v.items.map((i) => this.deref(i)) : [v];
        for (const src of sources) {
          if ((0, import_yaml3.isMap)(src) && depth < 8) merges.push(src);
          else
            this.errors.at(
              this.offset(src, offset),
              `${where}: a merge key (<<) takes a map or a list of maps`
            );
        }
        continue;
      }
      if (keyNode === null || key3 === void 0 || key3 === "") {
        this.errors.at(offset, `${where}: a key must be a non-empty string`);
        continue;
      }
      const first = seen.get(key3);
      if (first !== void 0) {
        const p = this.errors.pos(first);
        this.errors.at(
          offset,
          `duplicate key "${key3}" in ${where} (first at line ${p.line}, column ${p.col})`
        );
        continue;
      }
      seen.set(key3, offset);
      out.push({ key: key3, keyNode, value: this.deref(pair2.value), offset });
    }
    for (const src of merges) {
      for (const e of this.merged(src, where, depth + 1)) {
        if (seen.has(e.key)) continue;
        seen.set(e.key, e.offset);
        out.push(e);
      }
    }
    return out;
  }
  /**
   * A merged map's entries, read once per nesting depth: maps that merge the same anchor many times
   * over, nested, would otherwise be read once per path (exponential work in a few lines).
   */
  merged(node, where, depth) {
    const key3 = `${depth}`;
    let byDepth = this.mergedCache.get(node);
    if (!byDepth) this.mergedCache.set(node, byDepth = /* @__PURE__ */ new Map());
    let out = byDepth.get(key3);
    if (!out) byDepth.set(key3, out = this.entries(node, where, depth));
    return out;
  }
  /** Reports keys not in `allowed` (with a did-you-mean) and returns the known ones by name. */
  known(entries, allowed, where) {
    const out = /* @__PURE__ */ new Map();
    for (const e of entries) {
      if (allowed.includes(e.key)) out.set(e.key, e);
      else this.errors.at(e.offset, unknownKeyMessage(e.key, allowed, where));
    }
    return out;
  }
  /** Where to point for a problem with an entry's value: the value, or the key when there is none. */
  valueOffset(e) {
    return e.value?.range ? e.value.range[0] : e.offset;
  }
  typeError(e, name2, expected) {
    this.errors.at(this.valueOffset(e), `${name2}: expected ${expected}, got ${this.describe(e.value)}`);
  }
  string(e, name2) {
    if (this.kind(e.value) === "map" || this.kind(e.value) === "list" || this.kind(e.value) === "null") {
      this.typeError(e, name2, "a string");
      return void 0;
    }
    return this.text(e.value);
  }
  bool(e, name2) {
    const n = this.deref(e.value);
    if ((0, import_yaml3.isScalar)(n) && typeof n.value === "boolean") return n.value;
    this.typeError(e, name2, "true or false");
    return void 0;
  }
  /** A whole number ≥ min; numbers written as strings are refused so types stay honest. */
  integer(e, name2, min) {
    const n = this.deref(e.value);
    if ((0, import_yaml3.isScalar)(n) && typeof n.value === "number" && Number.isInteger(n.value) && n.value >= min) {
      return n.value;
    }
    this.typeError(e, name2, `a whole number of at least ${min}`);
    return void 0;
  }
  /** A list of scalars read as text (a single scalar counts as a one-item list), each with its offset. */
  stringList(e, name2) {
    const n = this.deref(e.value);
    if ((0, import_yaml3.isScalar)(n) && this.kind(n) !== "null") return [{ value: this.text(n) ?? "", offset: this.offset(n) }];
    if (!(0, import_yaml3.isSeq)(n)) {
      this.typeError(e, name2, "a list of strings");
      return void 0;
    }
    if (n.items.length === 0) {
      this.errors.at(this.valueOffset(e), `${name2}: the list is empty`);
      return void 0;
    }
    const out = [];
    let ok = true;
    for (const item of n.items) {
      const it = this.deref(item);
      const k = this.kind(it);
      if (k === "map" || k === "list" || k === "null" || k === "other") {
        this.error(it, `${name2}: expected a string, got ${this.describe(it)}`, this.offset(n));
        ok = false;
        continue;
      }
      out.push({ value: this.text(it) ?? "", offset: this.offset(it, this.offset(n)) });
    }
    return ok ? out : void 0;
  }
};

// src/config/types.ts
var DEFAULT_PRUNE_LIMIT = 10;
var OVERWRITE_POLICIES = ["always", "if-ours", "never"];
var DEFAULT_MAX_AGE_DAYS = 7;
var DEFAULT_ENTRY_OPTIONS = {
  platforms: "all",
  verify: false,
  referrers: true,
  keepAttestations: true,
  includeForeignLayers: false,
  convertToDocker: false,
  overwrite: "if-ours",
  prune: false,
  keep: [],
  pruneLimit: DEFAULT_PRUNE_LIMIT
};
var MAX_CONFIG_BYTES = 1024 * 1024;

// src/config/import.ts
function importConfig(text, format, file, defaultsTarget) {
  const target = typeof defaultsTarget === "string" ? defaultsTarget : defaultsTarget?.target;
  const errors = new ErrorCollector(file);
  if (Buffer.byteLength(text, "utf8") > MAX_CONFIG_BYTES) {
    errors.at(0, `input is over the ${MAX_CONFIG_BYTES / 1024 / 1024} MiB limit`);
    errors.throwIfAny();
  }
  const body = text.charCodeAt(0) === 65279 ? text.slice(1) : text;
  let imported;
  if (format === "list") {
    imported = importList(body, file, target);
  } else if (format === "skopeo" || format === "image-syncer" || format === "regsync") {
    const lines = new import_yaml4.LineCounter();
    const errs = new ErrorCollector(file, lines);
    const doc = (0, import_yaml4.parseDocument)(body, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
    for (const e of [...doc.errors, ...doc.warnings]) errs.at(e.pos[0], `YAML: ${e.message.split("\n")[0]}`);
    errs.throwIfAny();
    const r = new NodeReader(doc, errs);
    imported = format === "skopeo" ? importSkopeo(r, doc) : format === "regsync" ? importRegsync(r, doc) : importImageSyncer(r, doc, { rootEntries, checkedSource });
    errs.throwIfAny();
  } else {
    errors.at(0, `unknown import format "${String(format)}": use skopeo, image-syncer, regsync or list`);
    throw new ConfigErrors(errors.errors);
  }
  return renderImported(imported, format, basename(file), target);
}
function rootEntries(r, doc, what) {
  const root = r.deref(doc.contents);
  if (r.kind(root) !== "map") {
    r.error(root, `expected ${what} (a map), got ${r.describe(root)}`);
    return [];
  }
  return r.entries(root, "the file");
}
function checkedSource(r, source, offset) {
  try {
    parseReference(source, NO_DEFAULT_TAG);
    return true;
  } catch (err) {
    r.errors.at(offset, err instanceof Error ? err.message : String(err));
    return false;
  }
}
var SKOPEO_KEYS = [
  "images",
  "images-by-tag-regex",
  "images-by-semver",
  "credentials",
  "tls-verify",
  "cert-dir"
];
function importSkopeo(r, doc) {
  const out = emptyImport();
  for (const reg of rootEntries(r, doc, "registry \u2192 settings")) {
    const where = `"${reg.key}"`;
    if (r.kind(reg.value) !== "map") {
      r.typeError(reg, where, "a map (images, images-by-tag-regex, tls-verify, \u2026)");
      continue;
    }
    const known = r.known(r.entries(reg.value, where), SKOPEO_KEYS, where);
    if (known.has("credentials")) {
      out.notes.push(`credentials for ${reg.key} were not imported: pass them with the credentials input.`);
    }
    const cert = known.get("cert-dir");
    if (cert) {
      out.notes.push(
        `cert-dir ${r.text(cert.value) ?? ""} of ${reg.key} was not imported: set registries."${reg.key}".ca-file / cert-file / key-file.`
      );
    }
    const tls = known.get("tls-verify");
    if (tls) {
      const v = r.bool(tls, `${where}.tls-verify`);
      if (v === false) out.registries.set(reg.key, { insecure: true });
    }
    const byTag = /* @__PURE__ */ new Map();
    const images = known.get("images");
    if (images && r.kind(images.value) !== "map")
      r.typeError(images, `${where}.images`, "a map of repository \u2192 tags");
    for (const img of images ? r.entries(images.value, `${where}.images`) : []) {
      const repo = `${reg.key}/${img.key}`;
      if (!checkedSource(r, repo, img.offset)) continue;
      const k = r.kind(img.value);
      const items = k === "null" || isEmptyList(r, img) ? [] : r.stringList(img, repo);
      if (items === void 0) continue;
      const tags = [];
      for (const it of items) {
        if (/^[a-z0-9]+:/.test(it.value)) {
          if (checkedSource(r, `${repo}@${it.value}`, it.offset)) {
            out.entries.push({ source: `${repo}@${it.value}` });
          }
        } else if (tagPatternError(it.value) === void 0) {
          tags.push(it.value);
        } else {
          r.errors.at(it.offset, `${repo}: ${tagPatternError(it.value)}`);
        }
      }
      if (items.length === 0) byTag.set(repo, { source: repo, tags: ["*"] });
      else if (tags.length === 1) out.entries.push({ source: `${repo}:${tags[0]}` });
      else if (tags.length > 1) byTag.set(repo, { source: repo, tags });
    }
    const regexes = known.get("images-by-tag-regex");
    for (const img of regexes ? r.entries(regexes.value, `${where}.images-by-tag-regex`) : []) {
      const repo = `${reg.key}/${img.key}`;
      const re = r.string(img, repo);
      if (re === void 0 || !checkedSource(r, repo, img.offset)) continue;
      const pattern = goRegexToTagPattern(re);
      const problem = tagPatternError(pattern);
      if (problem) {
        r.errors.at(r.valueOffset(img), `${repo}: ${problem}`);
        continue;
      }
      const prev = byTag.get(repo);
      if (prev && prev.tags && !prev.tags.includes("*")) prev.tags.push(pattern);
      else if (!prev) byTag.set(repo, { source: repo, tags: [pattern] });
    }
    out.entries.push(...byTag.values());
    const semvers = known.get("images-by-semver");
    for (const img of semvers ? r.entries(semvers.value, `${where}.images-by-semver`) : []) {
      const repo = `${reg.key}/${img.key}`;
      const c = r.string(img, repo);
      if (c === void 0 || !checkedSource(r, repo, img.offset)) continue;
      const range = goSemverToRange(c);
      if (validSemverRange(range) === void 0) {
        r.errors.at(r.valueOffset(img), `${repo}: cannot convert the semver constraint "${c}"`);
        continue;
      }
      out.entries.push({ source: repo, semver: range });
    }
  }
  return out;
}
function isEmptyList(r, e) {
  const n = r.deref(e.value);
  return Array.isArray(n?.items) && n.items.length === 0;
}

// src/auth/docker-config.ts
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
var IDENTITY_TOKEN_USER = "<token>";
var DOCKER_HUB_CONFIG_KEY = "https://index.docker.io/v1/";
function defaultDockerConfigDir() {
  return process.env.DOCKER_CONFIG || join(homedir(), ".docker");
}
function readDockerConfig(dir) {
  return readAuthFile(join(dir, "config.json"), "Docker config");
}
async function readAuthFile(file, kind) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if (e.code === "ENOENT") return void 0;
    throw new Error(`cannot read ${kind} ${file}: ${e.message}`, { cause: e });
  }
  let j;
  try {
    j = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new Error(`invalid JSON in ${kind} ${file}: ${e.message}`, { cause: e });
  }
  if (j === null || typeof j !== "object" || Array.isArray(j)) {
    throw new Error(`invalid ${kind} ${file}: expected a JSON object`);
  }
  const o = j;
  const auths = {};
  if (o.auths && typeof o.auths === "object") {
    for (const [k, v] of Object.entries(o.auths)) {
      if (v && typeof v === "object") auths[k] = v;
    }
  }
  const credHelpers = {};
  if (o.credHelpers && typeof o.credHelpers === "object") {
    for (const [k, v] of Object.entries(o.credHelpers)) {
      if (typeof v === "string") credHelpers[registryKey(k)] = v;
    }
  }
  const credsStore = typeof o.credsStore === "string" && o.credsStore !== "" ? o.credsStore : void 0;
  return { file, kind, auths, credHelpers, credsStore };
}
function credentialFromEntry(entry, file, key3) {
  if (typeof entry.identitytoken === "string" && entry.identitytoken !== "") {
    return { username: IDENTITY_TOKEN_USER, password: entry.identitytoken };
  }
  if (typeof entry.auth === "string" && entry.auth !== "") {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0)
      throw new Error(
        `invalid "auth" for ${JSON.stringify(key3)} in Docker config ${file}: expected base64 of user:password`
      );
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof entry.username === "string" && typeof entry.password === "string" && entry.username !== "") {
    return { username: entry.username, password: entry.password };
  }
  return void 0;
}
function findAuthEntry(cfg, registry) {
  const want = registryKey(registry);
  for (const [k, v] of Object.entries(cfg.auths)) {
    if (registryKey(k) === want) return [k, v];
  }
  return void 0;
}
function helperServerUrl(registry) {
  const key3 = registryKey(registry);
  return key3 === DOCKER_HUB ? DOCKER_HUB_CONFIG_KEY : key3;
}
async function credentialFromHelper(helper, serverUrl, timeoutMs = 3e4) {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(helper))
    throw new Error(`invalid credential helper name ${JSON.stringify(helper)}`);
  const program = `docker-credential-${helper}`;
  const { code: code2, stdout, stderr } = await run(program, ["get"], serverUrl, timeoutMs);
  if (code2 !== 0) {
    const msg = (stdout + stderr).trim();
    if (/credentials not found|not found in native keychain|no credentials/i.test(msg)) return void 0;
    throw new Error(`${program} get failed (exit ${code2}): ${msg.slice(0, 200)}`);
  }
  let j;
  try {
    j = JSON.parse(stdout);
  } catch {
    throw new Error(`${program} get printed invalid JSON`);
  }
  if (typeof j.Secret !== "string" || j.Secret === "") return void 0;
  const username = typeof j.Username === "string" && j.Username !== "" ? j.Username : IDENTITY_TOKEN_USER;
  return { username, password: j.Secret };
}
async function run(program, args, input, timeoutMs) {
  const { spawn } = await import("node:child_process");
  return new Promise((resolve6, reject) => {
    const child = spawn(program, args, { stdio: ["pipe", "pipe", "pipe"], env: process.env });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (d) => {
      if (stdout.length < 1 << 20) stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d) => {
      if (stderr.length < 1 << 16) stderr += d;
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      if (e.code === "ENOENT")
        reject(new Error(`credential helper ${program} not found on PATH`, { cause: e }));
      else reject(e);
    });
    child.on("close", (code2, signal) => {
      clearTimeout(timer);
      if (signal) reject(new Error(`${program} was killed (${signal}) after ${timeoutMs} ms`));
      else resolve6({ code: code2 ?? 1, stdout, stderr });
    });
    child.stdin.on("error", () => {
    });
    child.stdin.end(input);
  });
}

// src/auth/credentials.ts
var CredentialStore = class _CredentialStore {
  constructor(explicit, configs, githubToken, mask, warn, anonymous = /* @__PURE__ */ new Set()) {
    this.explicit = explicit;
    this.configs = configs;
    this.githubToken = githubToken;
    this.mask = mask;
    this.warn = warn;
    this.anonymous = anonymous;
  }
  explicit;
  configs;
  githubToken;
  mask;
  warn;
  anonymous;
  cache = /* @__PURE__ */ new Map();
  /** Registry → where its credentials came from (never the secret), once looked up: for debug output. */
  sources = /* @__PURE__ */ new Map();
  static async load(opts = {}) {
    const mask = opts.mask ?? (() => {
    });
    const explicit = /* @__PURE__ */ new Map();
    for (const [host, c] of Object.entries(opts.explicit ?? {})) {
      mask(c.password);
      explicit.set(registryKey(host), {
        ...c,
        source: c.source ?? opts.explicitSource ?? "the credentials input"
      });
    }
    const configs = [];
    for (const a of opts.authFiles ?? []) {
      const c = await readAuthFile(a.file, "auth file");
      if (c) configs.push(c);
      else if (a.required) throw new Error(`auth file ${a.file} does not exist`);
    }
    const docker = await readDockerConfig(opts.dockerConfigDir ?? defaultDockerConfigDir());
    if (docker) configs.push(docker);
    for (const d of configs) {
      for (const [k, e] of Object.entries(d.auths)) {
        if (typeof e.auth === "string" && e.auth !== "") mask(e.auth);
        const c = credentialFromEntry(e, d.file, k);
        if (c) mask(c.password);
      }
    }
    const githubToken = opts.githubToken || void 0;
    if (githubToken) mask(githubToken);
    const anonymous = new Set((opts.anonymous ?? []).map((h) => registryKey(h)));
    return new _CredentialStore(explicit, configs, githubToken, mask, opts.warn ?? (() => {
    }), anonymous);
  }
  /** Where the credentials for `registry` came from, or 'none'; undefined before any lookup. */
  sourceOf(registry) {
    return this.sources.get(registryKey(registry));
  }
  /** An empty store: anonymous everywhere. */
  static empty() {
    return new _CredentialStore(
      /* @__PURE__ */ new Map(),
      [],
      void 0,
      () => {
      },
      () => {
      }
    );
  }
  /** Credentials for a registry host; any Docker Hub alias matches. */
  get(registry) {
    const key3 = registryKey(registry);
    let p = this.cache.get(key3);
    if (!p) {
      p = this.lookup(key3);
      this.cache.set(key3, p);
    }
    return p;
  }
  async lookup(key3) {
    const found = await this.find(key3);
    this.sources.set(key3, found ? found.source ?? "unknown source" : "none");
    return found;
  }
  async find(key3) {
    const explicit = this.explicit.get(key3);
    if (explicit) return explicit;
    if (this.anonymous.has(key3)) return void 0;
    for (const d of this.configs) {
      const helper = d.credHelpers[key3];
      const found = findAuthEntry(d, key3);
      const fromFile = found && credentialFromEntry(found[1], d.file, found[0]);
      const c = helper ? await this.fromHelper(helper, key3) : fromFile ? { ...fromFile, source: `${d.kind} ${d.file}` } : d.credsStore ? await this.fromHelper(d.credsStore, key3) : void 0;
      if (c) return c;
    }
    if (key3 === "ghcr.io" && this.githubToken) {
      return { username: "x-access-token", password: this.githubToken, source: "GITHUB_TOKEN" };
    }
    return void 0;
  }
  async fromHelper(helper, key3) {
    try {
      const c = await credentialFromHelper(helper, helperServerUrl(key3));
      if (c) this.mask(c.password);
      return c && { ...c, source: `credential helper docker-credential-${helper}` };
    } catch (e) {
      this.warn(
        `credential helper '${helper}' for ${key3}: ${e.message}; continuing without credentials`
      );
      return void 0;
    }
  }
};

// src/auth/credentials-yaml.ts
var import_yaml5 = __toESM(require_dist4(), 1);
var CredentialsFileError = class extends Error {
  constructor(file, line, col, text) {
    super(`${file}:${line}:${col}: ${text}`);
    this.file = file;
    this.line = line;
    this.col = col;
    this.name = "CredentialsFileError";
  }
  file;
  line;
  col;
};
var KEYS = ["username", "password", "username-env", "password-env"];
var ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
var SAFE_FORM = "pass it through the step's env and name the variable with password-env (or use the password input)";
function checkCredential(host, username, password) {
  if (username === "" && password === "") return "skip";
  if (username === "")
    return `${host}: missing username (empty: is the secret or variable that should fill it set?)`;
  if (password === "")
    return `${host}: missing password (empty: is the secret set? A secret pasted into YAML can also be cut to nothing; ${SAFE_FORM})`;
  return { username, password };
}
function noCredentialsWarning(host) {
  return `no credentials for ${host}: anonymous (username and password are both empty; is the secret set?)`;
}
function parseCredentialsYaml(text, file = "credentials", opts = {}) {
  const lc = new import_yaml5.LineCounter();
  const doc = (0, import_yaml5.parseDocument)(text.replace(/^\uFEFF/, ""), {
    lineCounter: lc,
    prettyErrors: false,
    uniqueKeys: true
  });
  const fail2 = (offset, msg) => {
    const { line, col } = offset === void 0 ? { line: 1, col: 1 } : lc.linePos(offset);
    throw new CredentialsFileError(file, line, col, msg);
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    fail2(e.pos[0], e.message.split("\n")[0]);
  }
  const out = {};
  const root = doc.contents;
  if (root === null || (0, import_yaml5.isScalar)(root) && (root.value === null || root.value === "")) return out;
  if (!(0, import_yaml5.isMap)(root)) fail2(root.range?.[0], "expected a mapping of registry host to {username, password}");
  const pos = (n, fallback) => n?.range?.[0] ?? fallback;
  for (const pair2 of root.items) {
    const keyNode = pair2.key;
    const at = pos(keyNode, void 0);
    if (!(0, import_yaml5.isScalar)(keyNode) || typeof keyNode.value !== "string" || keyNode.value.trim() === "") {
      fail2(at, "registry host must be a non-empty string");
    }
    const host = keyNode.value.trim();
    const bad2 = invalidHost(host);
    if (bad2) fail2(at, bad2);
    const v = pair2.value;
    if (!(0, import_yaml5.isMap)(v)) fail2(pos(v, at), `${host}: expected a mapping with username and password`);
    const fields = {};
    for (const f of v.items) {
      const fk = (0, import_yaml5.isScalar)(f.key) ? String(f.key.value) : "";
      const fat = pos(f.key, at);
      if (!KEYS.includes(fk))
        fail2(
          fat,
          `${host}: unknown key ${JSON.stringify(fk)} (expected username, password, username-env, password-env)`
        );
      const problem = mangled(host, fk, f.value);
      if (problem) fail2(pos(f.value, fat), problem);
      fields[fk] = (0, import_yaml5.isScalar)(f.value) && f.value.value !== null ? String(f.value.value) : "";
    }
    const username = pick(host, "username", fields, opts, (msg) => fail2(at, msg));
    const password = pick(host, "password", fields, opts, (msg) => fail2(at, msg));
    const checked = checkCredential(host, username, password);
    if (checked === "skip") {
      opts.warn?.(noCredentialsWarning(host));
      continue;
    }
    if (typeof checked === "string") fail2(at, checked);
    const key3 = registryKey(host);
    if (key3 in out) fail2(at, `${host}: duplicate entry for registry ${key3}`);
    out[key3] = checked;
  }
  return out;
}
function invalidHost(host) {
  const bare = host.replace(/^https?:\/\//, "").replace(/\/+$/, "").replace(/\/v[12]\/?$/, "");
  return bare === "" || /[\s/]/.test(bare) ? `invalid registry host ${JSON.stringify(host)}` : void 0;
}
function pick(host, name2, fields, opts, fail2) {
  const literal = fields[name2];
  const envName = fields[`${name2}-env`];
  if (envName === void 0) return literal ?? "";
  if (literal !== void 0) fail2(`${host}: set ${name2} or ${name2}-env, not both`);
  if (!ENV_NAME.test(envName))
    fail2(
      `${host}: ${name2}-env must name an environment variable (letters, digits, _), got ${JSON.stringify(envName)}`
    );
  if (!opts.env) fail2(`${host}: ${name2}-env is not available here`);
  return opts.env(envName) ?? "";
}
function mangled(host, key3, node) {
  if (key3.endsWith("-env")) {
    return (0, import_yaml5.isScalar)(node) && typeof node.value === "string" && node.value !== "" ? void 0 : `${host}: ${key3} must name an environment variable`;
  }
  if (node === null || (0, import_yaml5.isScalar)(node) && node.value === null) return void 0;
  if (!(0, import_yaml5.isScalar)(node) || typeof node.value !== "string") {
    const kind = (0, import_yaml5.isScalar)(node) ? typeof node.value : "a collection";
    return `${host}: ${key3} must be a string, but YAML read it as ${kind} (a secret pasted into YAML is parsed: digits become a number, yes/no words a boolean, a leading @ % ! * or a ": " break it); ` + (key3 === "password" ? SAFE_FORM : "quote it or use username-env");
  }
  if (key3 === "password" && node.comment !== void 0 && node.type === import_yaml5.Scalar.PLAIN) {
    return `${host}: password is followed by a # comment: a '#' after a space in a secret starts a YAML comment and cut the password; ${SAFE_FORM}`;
  }
  if (node.type === import_yaml5.Scalar.QUOTE_DOUBLE && hasControlChar(node.value)) {
    return `${host}: ${key3} holds a control character: in double quotes YAML reads a backslash as an escape (\\t is a tab); ${SAFE_FORM}`;
  }
  return void 0;
}
function hasControlChar(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 127) return true;
  }
  return false;
}

// src/auth/challenge.ts
var TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+.^_`|~-") TCHAR[c.charCodeAt(0)] = 1;
for (let i = 48; i < 58; i++) TCHAR[i] = 1;
for (let i = 65; i < 91; i++) TCHAR[i] = TCHAR[i + 32] = 1;
var isTchar = (code2) => code2 < 128 && TCHAR[code2] === 1;
var isSpace = (code2) => code2 === 32 || code2 === 9 || code2 === 10 || code2 === 13;
var MAX_HEADER = 16 * 1024;
function parseChallenges(header2) {
  if (header2 === void 0) return [];
  if (Array.isArray(header2)) return header2.flatMap((h) => parseChallenges(h));
  const s = String(header2).slice(0, MAX_HEADER);
  const out = [];
  const p = new Parser(s);
  let current;
  while (!p.done()) {
    p.skipWhile((c) => isSpace(c) || c === 44);
    if (p.done()) break;
    const start2 = p.pos;
    const name2 = p.token();
    if (name2 === "") {
      p.pos++;
      continue;
    }
    p.skipWhile(isSpace);
    const fresh2 = current !== void 0 && current.token68 === void 0 && isEmpty(current) && !precededByComma(s, start2);
    if (p.peek() === "=") {
      let eq = 0;
      while (p.peek() === "=") {
        eq++;
        p.pos++;
      }
      if (current && eq === 1) {
        p.skipWhile(isSpace);
        const value = p.peek() === '"' ? p.quoted() : p.bare();
        const key3 = name2.toLowerCase();
        if (!(key3 in current.params)) current.params[key3] = value;
      } else if (current && fresh2) {
        current.token68 = name2 + "=".repeat(eq);
      }
      continue;
    }
    if (current && fresh2) {
      current.token68 = name2;
      continue;
    }
    current = { scheme: name2.toLowerCase(), params: /* @__PURE__ */ Object.create(null) };
    out.push(current);
  }
  return out.map((c) => ({ ...c, params: { ...c.params } }));
}
function isEmpty(c) {
  for (const _ in c.params) return false;
  return true;
}
function precededByComma(s, pos) {
  let i = pos - 1;
  while (i >= 0 && isSpace(s.charCodeAt(i))) i--;
  return i >= 0 && s[i] === ",";
}
var Parser = class {
  constructor(s) {
    this.s = s;
  }
  s;
  pos = 0;
  done() {
    return this.pos >= this.s.length;
  }
  peek() {
    return this.s[this.pos];
  }
  skipWhile(f) {
    while (this.pos < this.s.length && f(this.s.charCodeAt(this.pos))) this.pos++;
  }
  token() {
    const start2 = this.pos;
    this.skipWhile(isTchar);
    return this.s.slice(start2, this.pos);
  }
  /** An unquoted value: lenient (URLs unquoted happen), up to a comma or whitespace. */
  bare() {
    const start2 = this.pos;
    this.skipWhile((c) => c !== 44 && c !== 34 && !isSpace(c));
    return this.s.slice(start2, this.pos);
  }
  /** A quoted-string; an unterminated one runs to the end of the header. */
  quoted() {
    this.pos++;
    let out = "";
    while (this.pos < this.s.length) {
      const c = this.s[this.pos++];
      if (c === '"') return out;
      if (c === "\\" && this.pos < this.s.length) out += this.s[this.pos++];
      else out += c;
    }
    return out;
  }
};
function findChallenge(challenges, scheme) {
  return challenges.find((c) => c.scheme === scheme);
}

// src/auth/token.ts
var DEFAULT_EXPIRES_IN_S = 60;
var EXPIRY_MARGIN_MS = 1e4;
var TOKEN_RESPONSE_LIMIT = 1 << 20;
var OAUTH_CLIENT_ID = "mirror-action";
function parseScope(scope) {
  const last = scope.lastIndexOf(":");
  if (last < 0) return { resource: scope, actions: /* @__PURE__ */ new Set() };
  return {
    resource: scope.slice(0, last),
    actions: new Set(
      scope.slice(last + 1).split(",").filter(Boolean)
    )
  };
}
function mergeScopes(scopes) {
  const by = /* @__PURE__ */ new Map();
  for (const s of scopes) {
    if (!s) continue;
    const p = parseScope(s);
    const set = by.get(p.resource) ?? /* @__PURE__ */ new Set();
    for (const a of p.actions) set.add(a);
    by.set(p.resource, set);
  }
  return [...by.entries()].map(([r, a]) => `${r}:${[...a].sort().join(",")}`).sort();
}
function scopesCover(have, need) {
  const granted = new Map(have.map((s) => [parseScope(s).resource, parseScope(s).actions]));
  return need.every((n) => {
    const p = parseScope(n);
    const g = granted.get(p.resource);
    if (!g) return false;
    return g.has("*") || [...p.actions].every((a) => g.has(a));
  });
}
var TokenCache = class {
  constructor(now = Date.now) {
    this.now = now;
  }
  now;
  byRegistry = /* @__PURE__ */ new Map();
  /** A live token whose scopes cover `need`. */
  find(key3, need) {
    const list2 = this.byRegistry.get(key3);
    if (!list2) return void 0;
    const t = this.now();
    const live = list2.filter((c) => c.expiresAt > t);
    if (live.length !== list2.length) this.byRegistry.set(key3, live);
    for (let i = live.length - 1; i >= 0; i--) if (scopesCover(live[i].scopes, need)) return live[i].token;
    return void 0;
  }
  put(key3, token, scopes, expiresInS) {
    const list2 = this.byRegistry.get(key3) ?? [];
    const ttl = Math.max(expiresInS, DEFAULT_EXPIRES_IN_S) * 1e3;
    list2.push({ token, scopes, expiresAt: this.now() + Math.max(ttl - EXPIRY_MARGIN_MS, ttl / 2) });
    if (list2.length > 64) list2.shift();
    this.byRegistry.set(key3, list2);
  }
  /** Forget a token the registry refused. */
  invalidate(key3, token) {
    const list2 = this.byRegistry.get(key3);
    if (list2)
      this.byRegistry.set(
        key3,
        list2.filter((c) => c.token !== token)
      );
  }
};
async function fetchToken(http, req) {
  const c = req.credential;
  if (c && c.username === IDENTITY_TOKEN_USER)
    return postToken(http, req, { grant_type: "refresh_token", refresh_token: c.password });
  const url = new URL(req.realm);
  if (req.service) url.searchParams.set("service", req.service);
  for (const s of req.scopes) url.searchParams.append("scope", s);
  const headers = { accept: "application/json" };
  if (c) {
    url.searchParams.set("account", c.username);
    headers.authorization = basicAuth(c);
  }
  const res = await http.request({
    method: "GET",
    url: url.href,
    headers,
    bufferLimit: TOKEN_RESPONSE_LIMIT,
    // With credentials, only the realm the registry named may see them (and the account name in the
    // query): a redirect elsewhere is refused below, not followed without them, since an anonymous
    // token would only turn into a misleading "denied" later.
    followRedirects: c ? "same-origin" : true
  });
  if (c && (res.status === 404 || res.status === 405)) {
    return postToken(http, req, { grant_type: "password", username: c.username, password: c.password });
  }
  return tokenFromResponse(res.status, res.data ?? Buffer.alloc(0), "GET", url.href, req, location(res));
}
async function postToken(http, req, grant) {
  const form = new URLSearchParams({ ...grant, client_id: OAUTH_CLIENT_ID, access_type: "offline" });
  if (req.service) form.set("service", req.service);
  if (req.scopes.length > 0) form.set("scope", req.scopes.join(" "));
  const res = await http.request({
    method: "POST",
    url: req.realm,
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form.toString(),
    bufferLimit: TOKEN_RESPONSE_LIMIT
  });
  return tokenFromResponse(res.status, res.data ?? Buffer.alloc(0), "POST", req.realm, req, location(res));
}
function tokenFromResponse(status, data, method, url, req, location2) {
  if (status >= 300 && status <= 399 && location2 !== void 0) {
    let to = "another address";
    try {
      to = redactUrl(new URL(location2, url).origin);
    } catch {
    }
    throw new RegistryError(
      `token request for ${req.registry} refused: the token server ${redactUrl(new URL(url).origin)} redirects to ${to}; credentials are never sent on through a redirect, so the registry has to name the final token URL as its realm`,
      { method, url, status }
    );
  }
  if (status === 401 || status === 403) {
    throw new RegistryError(
      `authentication failed for ${req.registry}: the token server ${redactUrl(new URL(url).origin)} refused ${req.credential ? `the credentials${req.credential.source ? ` from ${req.credential.source}` : ""}` : "anonymous access"} (status ${status})`,
      { method, url, status, codes: ["UNAUTHORIZED"] }
    );
  }
  if (status < 200 || status > 299) {
    throw new RegistryError(
      `token request for ${req.registry} failed: ${redactUrl(new URL(url).origin)} answered ${status}`,
      {
        method,
        url,
        status,
        retryable: isRetryableStatus(status)
      }
    );
  }
  let j;
  try {
    j = JSON.parse(data.toString("utf8"));
  } catch (e) {
    throw new RegistryError(`token response for ${req.registry} is not JSON`, {
      method,
      url,
      status,
      cause: e
    });
  }
  const token = typeof j.token === "string" && j.token ? j.token : typeof j.access_token === "string" ? j.access_token : "";
  if (!token)
    throw new RegistryError(`token response for ${req.registry} has no token`, { method, url, status });
  const exp = typeof j.expires_in === "number" && j.expires_in > 0 ? j.expires_in : DEFAULT_EXPIRES_IN_S;
  return { token, expiresInS: exp };
}
function location(res) {
  return res.status >= 300 && res.status <= 399 ? header(res.headers, "location") : void 0;
}
function basicAuth(c) {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`, "utf8").toString("base64")}`;
}

// src/registry/tags.ts
import { createHash } from "node:crypto";

// src/registry/endpoints.ts
function segment(part, what) {
  if (part === "" || part === "." || part === "..")
    throw new Error(`invalid ${what} ${JSON.stringify(part)} for a registry URL`);
  return encodeURIComponent(part).replace(/%3A/gi, ":");
}
function name(repository) {
  return repository.split("/").map((p) => segment(p, `repository name "${repository}": component`)).join("/");
}
function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== void 0) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
function pingPath() {
  return "/v2/";
}
function manifestPath(repository, reference) {
  return `/v2/${name(repository)}/manifests/${segment(reference, "manifest reference")}`;
}
var DIGEST_REF = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
function tagDeletePath(repository, tag) {
  if (DIGEST_REF.test(tag)) throw new Error(`"${tag}" is a digest, not a tag: use manifestDeletePath`);
  return manifestPath(repository, tag);
}
function manifestDeletePath(repository, digest) {
  if (!DIGEST_REF.test(digest)) throw new Error(`"${digest}" is not a digest: deleting a manifest needs one`);
  return manifestPath(repository, digest);
}
function blobPath(repository, digest) {
  return `/v2/${name(repository)}/blobs/${segment(digest, "digest")}`;
}
function blobUploadPath(repository, mount) {
  const q = mount ? query({ mount: mount.digest, from: mount.from }) : "";
  return `/v2/${name(repository)}/blobs/uploads/${q}`;
}
function uploadSessionUrl(location2, base, digest) {
  const u = new URL(location2, base);
  if (digest !== void 0) u.searchParams.set("digest", digest);
  return u.href;
}
function tagListPath(repository, page = {}) {
  return `/v2/${name(repository)}/tags/list${query({ n: page.n, last: page.last })}`;
}
function referrersPath(repository, digest, artifactType) {
  return `/v2/${name(repository)}/referrers/${segment(digest, "digest")}${query({ artifactType })}`;
}

// src/registry/tags.ts
var DEFAULT_MAX_TAGS = 1e5;
var MAX_TAGS_CEILING = 1e7;
var MIN_TAGS_PER_PAGE = 10;
var TAG_PAGE_LIMIT = 16 * 1024 * 1024;
var MAX_INVALID_TAG = 200;
function maxTagPages(maxTags) {
  return Math.ceil(maxTags / MIN_TAGS_PER_PAGE) + 1;
}
function parseMaxTags(s) {
  if (!/^\d+$/.test(s)) return void 0;
  const n = Number(s);
  return n >= 1 && n <= MAX_TAGS_CEILING ? n : void 0;
}
function nextLink(link) {
  if (!link) return void 0;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m && /;\s*rel\s*=\s*"?next"?/i.test(m[2])) return m[1];
  }
  return void 0;
}
function raiseHint(registry, maxTags) {
  const host = familiarRegistry(registryKey(registry));
  return `The limit is max-tags ${maxTags} for registry ${host}; if the repository really has more tags, raise it with registries."${host}".max-tags in the config, or --max-tags N on the command line`;
}
var pageKey = (url) => createHash("sha256").update(url).digest("base64");
async function listTags(c, registry, repository, limits) {
  const { maxTags } = limits;
  const maxPages = maxTagPages(maxTags);
  const what = formatRepository(registry, repository);
  const tooLong = (url, why) => new RegistryError(`${what}: ${why}; stopped reading. ${raiseHint(registry, maxTags)}`, {
    method: "GET",
    url
  });
  const tags = /* @__PURE__ */ new Set();
  const seenPages = /* @__PURE__ */ new Set();
  let path2 = tagListPath(repository, { n: limits.pageSize });
  for (let page = 1; path2; page++) {
    if (page > maxPages)
      throw tooLong(path2, `the tag list goes on past ${maxPages} pages (${tags.size} tags read)`);
    seenPages.add(pageKey(path2));
    const res = await c.session.request({
      registry,
      method: "GET",
      path: path2,
      headers: { accept: "application/json" },
      scopes: c.scopes(registry, repository),
      bufferLimit: TAG_PAGE_LIMIT
    });
    if (res.status === 404) throw await failure(res, "GET", "list", `repository ${what}`);
    if (res.status !== 200) throw await failure(res, "GET", "list", `tags of ${what}`);
    let body;
    try {
      body = JSON.parse(res.data.toString("utf8"));
    } catch (e) {
      throw new RegistryError(`${what}: tag list is not JSON`, { method: "GET", url: res.url, cause: e });
    }
    const pageTags = body?.tags ?? [];
    if (!Array.isArray(pageTags) || pageTags.some((t) => typeof t !== "string")) {
      throw new RegistryError(`${what}: tag list has no valid "tags" array`, { method: "GET", url: res.url });
    }
    let added = 0;
    for (let t of pageTags) {
      if (!isValidTag(t)) t = t.length > MAX_INVALID_TAG ? `${t.slice(0, MAX_INVALID_TAG - 3)}...` : t;
      if (tags.has(t)) continue;
      tags.add(t);
      added++;
      if (tags.size > maxTags)
        throw tooLong(res.url, `the tag list has more than ${maxTags} tags (page ${page})`);
    }
    const next = nextLink(header(res.headers, "link"));
    if (next && added === 0 && pageTags.length > 0) {
      throw new RegistryError(
        `${what}: tag list pagination does not advance (page ${page} repeats earlier tags)`,
        { method: "GET", url: res.url }
      );
    }
    seenPages.add(pageKey(res.url));
    path2 = next ? new URL(next, res.url).href : void 0;
    if (path2 && seenPages.has(pageKey(path2))) {
      throw new RegistryError(
        `${what}: tag list pagination loops (page ${page} links back to an earlier page)`,
        { method: "GET", url: path2 }
      );
    }
  }
  return [...tags];
}

// src/registry/version.ts
var VERSION = true ? "0.1.0" : sourceVersion();

// src/registry/blobstream.ts
import { createHash as createHash2 } from "node:crypto";
import { Readable } from "node:stream";
function verifiedBlobStream(first, desc, o) {
  return Readable.from(chunks(first, desc, o), { objectMode: false, highWaterMark: 64 * 1024 });
}
async function* chunks(first, desc, o) {
  const algo = algorithmOf(desc.digest);
  const hash = createHash2(algo);
  const fail2 = (msg, codes = ["DIGEST_INVALID"]) => new RegistryError(`blob ${desc.digest} of ${o.what}: ${msg}`, { method: "GET", url: o.url, codes });
  let res = first;
  let offset = 0;
  let skip = 0;
  let failures = 0;
  for (; ; ) {
    let lost;
    const meter = o.floor ? new ThroughputMeter(o.floor, res.url || o.url) : void 0;
    try {
      for await (const c of res.body) {
        let b = c;
        meter?.add(b.length);
        if (skip > 0) {
          const n = Math.min(skip, b.length);
          skip -= n;
          b = b.subarray(n);
          if (b.length === 0) continue;
        }
        offset += b.length;
        if (offset > desc.size) {
          res.body.destroy();
          throw fail2(`more bytes than the ${desc.size} the descriptor says; refusing it`, ["SIZE_INVALID"]);
        }
        hash.update(b);
        streamed(b.length);
        yield b;
      }
      if (offset === desc.size) break;
      lost = fail2(`the body ended after ${offset} of ${desc.size} bytes`, ["SIZE_INVALID"]);
    } catch (e) {
      if (!res.body.destroyed) res.body.destroy();
      if (deadlineOf(e) && !(e instanceof RegistryError)) throw networkError("GET", new URL(o.url), e);
      if (!isRetryable(e)) throw e;
      lost = e;
    }
    if (++failures >= o.policy.attempts) {
      const why = deadlineFired(lost, new URL(o.url).host);
      throw new RegistryError(
        `blob ${desc.digest} of ${o.what}: download failed after ${failures} attempts at byte ${offset}` + (why ? ` (${why})` : ""),
        {
          method: "GET",
          url: o.url,
          cause: lost,
          retryable: false
        }
      );
    }
    await o.policy.sleep(o.policy.delay(failures));
    res = await o.reopen(offset);
    if (res.status === 206) {
      const start2 = /^bytes (\d+)-/.exec(header(res.headers, "content-range") ?? "")?.[1];
      if (start2 === void 0 || Number(start2) !== offset) {
        res.body?.destroy();
        throw fail2(`registry resumed at the wrong offset (${start2 ?? "unknown"} instead of ${offset})`, []);
      }
    } else if (res.status === 200) {
      skip = offset;
    } else {
      res.body?.destroy();
      throw new RegistryError(
        `blob ${desc.digest} of ${o.what}: resuming the download answered ${res.status}`,
        {
          method: "GET",
          url: o.url,
          status: res.status,
          retryable: isRetryableStatus(res.status)
        }
      );
    }
  }
  const got = `${algo}:${hash.digest("hex")}`;
  if (got !== desc.digest) throw fail2(`content does not match its digest (got ${got}); refusing it`);
}

// src/registry/manifests.ts
var ACCEPT = MANIFEST_ACCEPT_ALL.join(", ");
var GENERIC = /* @__PURE__ */ new Set(["", "application/json", "text/plain", "application/octet-stream"]);
function referenceOf(ref) {
  const r = ref.digest ?? ref.tag;
  if (!r) throw new Error(`${formatReference(ref)}: a tag or digest is needed to address a manifest`);
  return r;
}
async function headManifest(c, ref) {
  const res = await c.session.request({
    registry: ref.registry,
    method: "HEAD",
    path: manifestPath(ref.repository, referenceOf(ref)),
    headers: { accept: ACCEPT },
    scopes: c.scopes(ref.registry, ref.repository)
  });
  await res.body?.dump().catch(() => {
  });
  if (res.status === 404) return void 0;
  if (res.status !== 200) throw await failure(res, "HEAD", "pull", formatReference(ref));
  const mediaType = baseMediaType(header(res.headers, "content-type"));
  if (isSchema1(mediaType)) throw new Schema1Error(formatReference(ref));
  const digest = header(res.headers, "docker-content-digest");
  const size = Number(header(res.headers, "content-length"));
  if (!digest || GENERIC.has(mediaType) || !Number.isFinite(size) || size <= 0) {
    const m = await getManifest(c, ref);
    return { mediaType: m.mediaType, digest: m.digest, size: m.bytes.length };
  }
  if (ref.digest && digest !== ref.digest) {
    throw new RegistryError(`${formatReference(ref)}: registry answered for digest ${digest}`, {
      method: "HEAD",
      url: res.url,
      status: res.status
    });
  }
  if (size > MANIFEST_LIMIT) {
    throw new RegistryError(
      `${formatReference(ref)}: manifest of ${size} bytes exceeds the ${MANIFEST_LIMIT} byte limit`,
      { method: "HEAD", url: res.url }
    );
  }
  return { mediaType, digest, size };
}
function isSchema1Body(bytes, contentType) {
  if (isSchema1(baseMediaType(contentType))) return true;
  try {
    const j = JSON.parse(bytes.toString("utf8"));
    return j !== null && typeof j === "object" && j.schemaVersion === 1;
  } catch {
    return false;
  }
}
async function getManifest(c, ref) {
  const what = formatReference(ref);
  const res = await c.session.request({
    registry: ref.registry,
    method: "GET",
    path: manifestPath(ref.repository, referenceOf(ref)),
    headers: { accept: ACCEPT },
    scopes: c.scopes(ref.registry, ref.repository),
    bufferLimit: MANIFEST_LIMIT
  });
  if (res.status === 404) {
    const oci = parseOciErrors(res.data?.toString("utf8") ?? "");
    throw new RegistryError(`not found: ${what}`, {
      method: "GET",
      url: res.url,
      status: 404,
      codes: oci.codes
    });
  }
  if (res.status !== 200) throw await failure(res, "GET", "pull", what);
  const bytes = res.data ?? Buffer.alloc(0);
  if (isSchema1Body(bytes, header(res.headers, "content-type"))) throw new Schema1Error(what);
  const expected = ref.digest ?? header(res.headers, "docker-content-digest");
  const digest = digestOf(bytes, expected ? algorithmOf(expected) : "sha256");
  if (expected && digest !== expected) {
    throw new RegistryError(
      `manifest ${what}: content does not match digest ${expected} (got ${digest}); refusing it`,
      {
        method: "GET",
        url: res.url,
        status: res.status,
        codes: ["DIGEST_INVALID"]
      }
    );
  }
  const mediaType = detectMediaType(bytes, header(res.headers, "content-type"), what);
  return { bytes, mediaType, digest };
}
async function putManifest(c, ref, m) {
  const what = formatReference(ref);
  if (m.bytes.length > MANIFEST_LIMIT)
    throw new RegistryError(`${what}: manifest larger than ${MANIFEST_LIMIT} bytes`, {
      method: "PUT",
      url: ""
    });
  const computed = digestOf(m.bytes, m.digest.startsWith("sha512:") ? "sha512" : "sha256");
  if (computed !== m.digest)
    throw new Error(`manifest for ${what}: bytes have digest ${computed}, not ${m.digest}`);
  if (ref.digest && ref.digest !== m.digest)
    throw new Error(`manifest for ${what}: digest ${m.digest} differs from the reference's digest`);
  const reference = ref.tag ?? m.digest;
  const res = await c.session.request({
    registry: ref.registry,
    method: "PUT",
    path: manifestPath(ref.repository, reference),
    headers: { "content-type": m.mediaType },
    body: m.bytes,
    scopes: c.scopes(ref.registry, ref.repository, true),
    bufferLimit: 65536
  });
  if (res.status !== 201 && res.status !== 200 && res.status !== 202) {
    throw await failure(
      res,
      "PUT",
      "push",
      `manifest ${formatReference({ ...ref, tag: ref.tag, digest: ref.tag ? void 0 : m.digest })}`
    );
  }
  const stored = header(res.headers, "docker-content-digest");
  if (stored && stored !== m.digest) {
    throw new RegistryError(`${what}: registry stored manifest ${stored} instead of ${m.digest}`, {
      method: "PUT",
      url: res.url,
      status: res.status
    });
  }
  return res;
}

// src/registry/ratelimit.ts
function parseRateLimitValue(v) {
  if (!v) return {};
  const first = v.split(",")[0].trim();
  const [num, ...params] = first.split(";");
  const value = /^\d+$/.test(num.trim()) ? Number(num.trim()) : void 0;
  let window;
  for (const p of params) {
    const m = /^\s*w\s*=\s*(\d+)\s*$/.exec(p);
    if (m) window = Number(m[1]);
  }
  return { value, window };
}
function parseRateLimit(h) {
  const limit = parseRateLimitValue(header(h, "ratelimit-limit"));
  const remaining = parseRateLimitValue(header(h, "ratelimit-remaining"));
  const source = header(h, "docker-ratelimit-source");
  if (limit.value === void 0 && remaining.value === void 0 && !source) return void 0;
  const rl = {};
  if (limit.value !== void 0) rl.limit = limit.value;
  if (remaining.value !== void 0) rl.remaining = remaining.value;
  if (source) rl.source = source.slice(0, 100);
  const w = limit.window ?? remaining.window;
  if (w !== void 0) rl.windowS = w;
  return rl;
}

// src/registry/debug.ts
function formatHttpDebug(e, source) {
  switch (e.kind) {
    case "exchange": {
      const fallback = e.auth === "basic" ? "the registry's, sent to its token server" : "a token";
      const creds = e.auth === "none" ? "" : `, credentials: ${source ?? fallback}`;
      return `http: ${e.method} ${e.url} \u2192 ${e.status} in ${e.ms} ms (auth: ${e.auth}${creds})`;
    }
    case "error":
      return `http: ${e.method} ${e.url} failed after ${e.ms} ms: ${e.message}`;
    case "retry":
      return e.waitMs === void 0 ? `http: ${e.method} ${e.url}: ${e.reason}; attempt ${e.attempt} of ${e.attempts}, not retrying` : `http: ${e.method} ${e.url}: ${e.reason}; attempt ${e.attempt} of ${e.attempts}, retrying in ${e.waitMs} ms`;
  }
}
function explain401(registry, cred, source, by = "registry") {
  const head = `auth: ${by === "registry" ? registry : `the token server of ${registry}`} answered 401`;
  if (!cred) return `${head}: no credentials were sent for ${registry} (anonymous)`;
  const from = source ?? "unknown source";
  if (cred.password === "" || cred.username === "")
    return `${head}: the credentials for ${registry} from ${from} are empty`;
  return `${head}: the credentials for ${registry} from ${from} were refused`;
}

// src/registry/realm.ts
function ownHost(registry, realmHost2) {
  if (realmHost2 === hostnameOf(registry)) return true;
  return registry === DOCKER_HUB && realmHost2 === "auth.docker.io";
}
function realmGetsCredentials(q) {
  const realmHost2 = q.realm.hostname.toLowerCase();
  if (q.realm.protocol !== "https:" && q.registryProtocol === "https:") {
    return {
      send: false,
      reason: `its token realm ${q.realm.origin} is plain HTTP while the registry is reached over HTTPS`
    };
  }
  if (ownHost(q.registry, realmHost2) || q.tokenRealms === void 0) return { send: true };
  const listed = q.tokenRealms.some((h) => {
    const x = h.toLowerCase();
    return x === q.realm.host.toLowerCase() || x === realmHost2;
  });
  if (listed) return { send: true };
  return {
    send: false,
    reason: `the token realm's host ${q.realm.host} is not in registries."${q.registry}".token-realms`
  };
}
function parseRealm(registry, realm) {
  let url;
  try {
    url = new URL(realm);
  } catch (e) {
    throw new RegistryError(`registry ${registry} sent an invalid token realm`, {
      method: "GET",
      url: realm,
      cause: e
    });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new RegistryError(`registry ${registry} sent a token realm with scheme ${url.protocol}`, {
      method: "GET",
      url: realm
    });
  }
  return url;
}
function hostnameOf(host) {
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return host.toLowerCase();
  }
}

// src/registry/token-batch.ts
var TOKEN_BATCH = 16;
var key = (registry, scope) => `${registry} ${scope}`;
var ScopeBatches = class {
  /** registry → announced scopes not yet asked for, in the order the planner will need them. */
  upcoming = /* @__PURE__ */ new Map();
  /** registry + scope → the batch token request that covers it, while it is under way. */
  inFlight = /* @__PURE__ */ new Map();
  off = /* @__PURE__ */ new Set();
  /** Tokens batches brought (bounded: a plan's worth), to tell a refused batch token from another. */
  issued = /* @__PURE__ */ new Set();
  /** Scopes requests to `registry` will soon need (no request now). Bounded by the plan's size. */
  announce(registry, scopes) {
    if (this.off.has(registry)) return;
    let queue = this.upcoming.get(registry);
    if (!queue) this.upcoming.set(registry, queue = /* @__PURE__ */ new Set());
    for (const s of scopes) queue.add(s);
  }
  /**
   * The token for `need` from a batch request (started now with the next announced scopes, or one
   * already under way that covers it); undefined when batching does not apply or failed, and the
   * caller fetches a token for `need` alone. `fetch` requests and caches a token for its scopes.
   */
  async token(registry, need, fetch) {
    if (need.length !== 1 || this.off.has(registry)) return void 0;
    const scope = need[0];
    let p = this.inFlight.get(key(registry, scope));
    if (!p) {
      const queue = this.upcoming.get(registry);
      if (!queue?.delete(scope)) return void 0;
      const batch = [scope];
      for (const s of queue) {
        if (batch.length >= TOKEN_BATCH) break;
        queue.delete(s);
        batch.push(s);
      }
      if (queue.size === 0) this.upcoming.delete(registry);
      if (batch.length === 1) return void 0;
      const started = fetch(batch);
      const keys = batch.map((s) => key(registry, s));
      for (const k of keys) this.inFlight.set(k, started);
      const forget = () => {
        for (const k of keys) if (this.inFlight.get(k) === started) this.inFlight.delete(k);
      };
      started.then(
        (token) => {
          forget();
          if (this.issued.size >= 1024) this.issued.clear();
          this.issued.add(token);
        },
        () => {
          forget();
          this.stop(registry);
        }
      );
      p = started;
    }
    try {
      return await p;
    } catch {
      this.stop(registry);
      return void 0;
    }
  }
  /**
   * The registry refused a request carrying `token` (401/403). When the token came from a batch,
   * its token server may grant only part of what one request asks for: batching stops there, and
   * true is returned (the caller then fetches the repository's own token).
   */
  refused(registry, token) {
    if (!this.issued.delete(token)) return false;
    this.stop(registry);
    return true;
  }
  stop(registry) {
    this.off.add(registry);
    this.upcoming.delete(registry);
  }
};

// src/registry/authenticator.ts
var Authenticator = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  states = /* @__PURE__ */ new Map();
  tokens = new TokenCache();
  pendingTokens = /* @__PURE__ */ new Map();
  batches = new ScopeBatches();
  warned = /* @__PURE__ */ new Set();
  /** Registry → why its tokens are fetched without credentials (cleared once they carry them). */
  anonymousWhy = /* @__PURE__ */ new Map();
  state(registry) {
    return this.states.get(registry);
  }
  /** Remember how the registry wants to be authenticated. */
  learn(registry, res) {
    if (res.status !== 401) {
      if (res.status >= 200 && res.status < 300 && !this.states.has(registry))
        this.states.set(registry, { kind: "none" });
      return [];
    }
    const challenges = parseChallenges(res.headers["www-authenticate"]);
    const bearer = findChallenge(challenges, "bearer");
    if (bearer?.params.realm) {
      this.states.set(registry, {
        kind: "bearer",
        realm: bearer.params.realm,
        service: bearer.params.service
      });
    } else {
      const basic = findChallenge(challenges, "basic");
      if (basic) this.states.set(registry, { kind: "basic", service: basic.params.service });
    }
    return challenges;
  }
  /** Scopes requests will soon need: their tokens are then fetched several at a time (token-batch.ts). */
  announce(registry, scopes) {
    this.batches.announce(registry, scopes);
  }
  /** Whether `token` was a batch token the registry refused; batching then stops for that registry. */
  batchRefused(registry, token) {
    return this.batches.refused(registry, token);
  }
  /** A bearer token the registry refused: not to be handed out again. */
  invalidate(registry, token) {
    this.tokens.invalidate(registry, token);
  }
  /** `sent`: what a token request actually sent (undefined credential: anonymous); else the store's. */
  async debug401(registry, sent) {
    if (!this.opts.debug) return;
    const cred = sent ? sent.cred : await this.opts.credentials.get(registry);
    this.opts.debug(explain401(registry, cred, this.opts.credentials.sourceOf(registry), sent?.by));
  }
  /**
   * A refusal carries what the registry saw, for the error message (errors.ts): why a token was
   * anonymous, that no credentials were found, or which source the refused credentials came from.
   */
  async noteAnonymous(registry, res, auth) {
    if (res.status !== 401 && res.status !== 403) return res;
    const why = this.anonymousWhy.get(registry);
    if (why !== void 0 && auth?.startsWith("Bearer ")) {
      res.anonymousBecause = why;
      return res;
    }
    const cred = await this.opts.credentials.get(registry);
    if (!cred) {
      if (auth === void 0) res.noCredentials = `no credentials were found for ${registry}`;
    } else if (auth !== void 0) {
      res.credentialSource = cred.source ?? "the configured credentials";
      const challenge = header(res.headers, "www-authenticate") ?? "";
      if (auth.startsWith("Bearer ") && /error="?insufficient_scope/i.test(challenge))
        res.insufficientScope = true;
    }
    return res;
  }
  /** The Authorization header for these scopes; `force`: a new token even when one is cached. */
  async authorization(registry, scopes, force) {
    const state = this.states.get(registry);
    if (!state || state.kind === "none" || state.kind === "unknown") return void 0;
    const cred = await this.opts.credentials.get(registry);
    if (state.kind === "basic")
      return cred && cred.username !== IDENTITY_TOKEN_USER ? basicAuth(cred) : void 0;
    const need = mergeScopes(scopes);
    if (!force) {
      const cached = this.tokens.find(registry, need);
      if (cached) return `Bearer ${cached}`;
      const batched = await this.batches.token(
        registry,
        need,
        (s) => this.newToken(registry, state, mergeScopes(s), cred)
      );
      if (batched !== void 0) return `Bearer ${batched}`;
    }
    const key3 = `${registry} ${need.join(" ")}`;
    let p = this.pendingTokens.get(key3);
    if (!p) {
      p = this.newToken(registry, state, need, cred).finally(() => this.pendingTokens.delete(key3));
      this.pendingTokens.set(key3, p);
    }
    return `Bearer ${await ownResult(p, () => this.newToken(registry, state, need, cred))}`;
  }
  async newToken(registry, state, scopes, cred) {
    const realm = state.realm;
    const realmUrl = parseRealm(registry, realm);
    let anonymous = cred ? void 0 : `no credentials were found for ${registry}`;
    if (cred) {
      const a = realmGetsCredentials({
        registry,
        registryProtocol: new URL(await this.opts.baseUrl(registry)).protocol,
        realm: realmUrl,
        tokenRealms: this.opts.tokenRealms(registry)
      });
      if (!a.send) {
        anonymous = a.reason;
        this.warnOnce(
          `${registry}>${realmUrl.origin}`,
          `registry ${registry} asks for credentials at token server ${realmUrl.origin}; not sending them there (continuing anonymously): ${a.reason}.`
        );
      }
    }
    const credential = anonymous === void 0 ? cred : void 0;
    const t = await fetchToken(this.opts.http, {
      realm,
      service: state.service,
      scopes,
      credential,
      registry
    }).catch(async (e) => {
      const status = e.status;
      if (status === 401 || status === 403)
        await this.debug401(registry, { cred: credential, by: "token server" });
      throw e;
    });
    if (anonymous === void 0) this.anonymousWhy.delete(registry);
    else this.anonymousWhy.set(registry, anonymous);
    this.tokens.put(registry, t.token, scopes, t.expiresInS);
    return t.token;
  }
  warnOnce(key3, message) {
    if (this.warned.has(key3)) return;
    this.warned.add(key3);
    this.opts.warn(message);
  }
};

// src/registry/flavour.ts
function realmHost(realm) {
  try {
    return realm ? new URL(realm).hostname : "";
  } catch {
    return "";
  }
}
function flavourOf(registry, challenge = {}) {
  const host = registry.replace(/:\d+$/, "").toLowerCase();
  const service = (challenge.service ?? "").toLowerCase();
  if (host === DOCKER_HUB || service === "registry.docker.io") return "dockerhub";
  if (host.endsWith(".aliyuncs.com") || service.startsWith("registry.aliyuncs.com") || realmHost(challenge.realm).startsWith("dockerauth."))
    return "aliyun";
  if (host === "ghcr.io" || service === "ghcr.io") return "ghcr";
  if (service === "harbor-registry") return "harbor";
  if (/\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(host) || service === "ecr.amazonaws.com")
    return "ecr";
  if (host === "quay.io" || service === "quay.io") return "quay";
  return void 0;
}
function withFlavour(res, registry, seen) {
  if (res.status >= 400) res.flavour = flavourOf(registry, seen);
  return res;
}

// src/registry/session.ts
var Session = class {
  constructor(opts) {
    this.opts = opts;
    for (const [k, v] of Object.entries(opts.registries)) this.registries[registryKey(k)] = v;
    this.http = new HttpTransport({
      userAgent: opts.userAgent,
      retry: opts.retry,
      timeouts: opts.timeouts,
      sleep: opts.sleep,
      tlsFor: (url) => this.optionsForHost(url),
      onResponse: (e) => this.observe(e.method, e.url, e.status, e.headers),
      onDebug: opts.debug ? (e) => opts.debug(formatHttpDebug(e, opts.credentials.sourceOf(new URL(e.url).host))) : void 0
    });
    this.auth = new Authenticator({
      http: this.http,
      credentials: opts.credentials,
      baseUrl: (registry) => this.baseUrl(registry),
      tokenRealms: (registry) => this.options(registry).tokenRealms,
      warn: opts.warn ?? ((m) => process.stderr.write(`warning: ${m}
`)),
      debug: opts.debug
    });
  }
  opts;
  http;
  registries = {};
  bases = /* @__PURE__ */ new Map();
  auth;
  rateLimits = /* @__PURE__ */ new Map();
  /** Options of the registry at this URL's host; a configured registry on the same host name shares its TLS settings (token servers on another port). */
  optionsForHost(url) {
    const direct = this.registries[registryKey(url.host)] ?? this.registries[url.hostname.toLowerCase()];
    if (direct) return direct;
    for (const [k, v] of Object.entries(this.registries))
      if (hostnameOf(k) === url.hostname.toLowerCase()) return v;
    return void 0;
  }
  options(registry) {
    return this.registries[registryKey(registry)] ?? {};
  }
  /** The registry product, as far as its host and auth challenge tell (flavour.ts). */
  flavour(registry) {
    const key3 = registryKey(registry);
    return flavourOf(key3, this.auth.state(key3));
  }
  rateLimit(registry) {
    return this.rateLimits.get(registryKey(registry));
  }
  observe(method, url, status, headers) {
    this.opts.onRequest?.({ method, url: redactUrl(url.href), status });
    const rl = parseRateLimit(headers);
    if (!rl) return;
    const key3 = registryKey(url.host);
    this.rateLimits.set(key3, rl);
    this.opts.onRateLimit?.(key3, rl);
  }
  /**
   * `https://host` normally. Loopback and `insecure` registries: HTTPS first, plain HTTP when the
   * host does not speak TLS (Docker's behaviour); a certificate failure is an error, never a reason
   * to downgrade, unless the registry is marked insecure (which also skips verification).
   */
  baseUrl(registry) {
    const key3 = registryKey(registry);
    let p = this.bases.get(key3);
    if (!p) {
      p = this.probe(key3);
      this.bases.set(key3, p);
      p.catch(() => this.bases.delete(key3));
    }
    return ownResult(p, () => this.baseUrl(registry));
  }
  async probe(registry) {
    const opts = this.options(registry);
    const https = `https://${registry}`;
    if (!opts.insecure && !(this.opts.isLoopback ?? isLoopbackHost)(registry)) return https;
    try {
      const res = await this.http.send({ method: "GET", url: `${https}${pingPath()}` });
      await res.body?.dump().catch(() => {
      });
      this.auth.learn(registry, res);
      return https;
    } catch (e) {
      if (isTlsVerifyError(e) && !opts.insecure) throw e;
      if (errorCode(e) === "UND_ERR_HEADERS_TIMEOUT") throw e;
      const http = `http://${registry}`;
      if (answeredInPlainHttp(e) && !await this.opts.credentials.get(registry)) return http;
      try {
        const res = await this.http.request({ method: "GET", url: `${http}${pingPath()}` });
        await res.body?.dump().catch(() => {
        });
        this.auth.learn(registry, res);
        return http;
      } catch (e2) {
        throw answeredInPlainHttp(e) ? e2 : e;
      }
    }
  }
  /** A registry request with auth; non-2xx responses are returned for the caller to interpret. */
  async request(req) {
    const res = await this.send(req);
    const registry = registryKey(req.registry);
    return withFlavour(res, registry, this.auth.state(registry));
  }
  async send(req) {
    const registry = registryKey(req.registry);
    const base = await this.baseUrl(registry);
    const url = /^https?:\/\//i.test(req.path) ? req.path : `${base}${req.path}`;
    if (isStream(req.body) && (this.auth.state(registry)?.kind ?? "unknown") === "unknown") {
      await this.ping(registry);
    }
    const sameOrigin = new URL(url).origin === new URL(base).origin;
    const first = sameOrigin ? await this.auth.authorization(registry, req.scopes, false) : void 0;
    let res = await this.http.request({ ...req, url, headers: withAuth(req.headers, first) });
    if (!sameOrigin) return res;
    const batchRefused = (res.status === 401 || res.status === 403) && first?.startsWith("Bearer ") === true && this.auth.batchRefused(registry, first.slice(7));
    if (batchRefused && res.status === 403 && !isStream(req.body)) {
      this.auth.invalidate(registry, first.slice(7));
      const own = await this.auth.authorization(registry, req.scopes, true);
      await res.body?.dump().catch(() => {
      });
      res = await this.http.request({ ...req, url, headers: withAuth(req.headers, own) });
      return this.auth.noteAnonymous(registry, res, own);
    }
    if (res.status !== 401) return this.auth.noteAnonymous(registry, res, first);
    const challenges = this.auth.learn(registry, res);
    if (isStream(req.body)) return this.auth.noteAnonymous(registry, res, first);
    const bearer = findChallenge(challenges, "bearer");
    const scopes = mergeScopes([
      ...req.scopes,
      ...bearer?.params.scope ? bearer.params.scope.split(" ") : []
    ]);
    if (first?.startsWith("Bearer ")) this.auth.invalidate(registry, first.slice(7));
    const second = await this.auth.authorization(registry, scopes, true);
    if (second === void 0 || second === first) {
      await this.auth.debug401(registry);
      return this.auth.noteAnonymous(registry, res, first);
    }
    await res.body?.dump().catch(() => {
    });
    res = await this.http.request({ ...req, url, headers: withAuth(req.headers, second) });
    if (res.status === 401) await this.auth.debug401(registry);
    return this.auth.noteAnonymous(registry, res, second);
  }
  /**
   * Repositories' scopes that requests to `registry` will soon need: their tokens are then fetched
   * several at a time (token-batch.ts). No request.
   */
  announceScopes(registry, scopes) {
    this.auth.announce(registryKey(registry), scopes);
  }
  /** GET /v2/: reachability, and the auth challenge; authenticates when credentials exist. */
  async ping(registry) {
    const key3 = registryKey(registry);
    const base = await this.baseUrl(key3);
    const res = await this.http.request({ method: "GET", url: `${base}${pingPath()}`, bufferLimit: 1 << 16 });
    this.auth.learn(key3, res);
    return res;
  }
};
function withAuth(h, auth) {
  const out = { ...h ?? {} };
  if (auth) out.authorization = auth;
  return out;
}

// src/registry/upload.ts
import { createHash as createHash3 } from "node:crypto";
var GHCR_MAX_CHUNK = 4 * 1024 * 1024;
async function mountBlob(t, digest, fromRepository) {
  const res = await t.session.request({
    registry: t.registry,
    method: "POST",
    path: blobUploadPath(t.repository, { digest, from: fromRepository }),
    headers: { "content-length": "0" },
    scopes: [...t.scopes, `repository:${fromRepository}:pull`],
    bufferLimit: 65536
  });
  if (res.status === 201) return true;
  if (res.status === 202) {
    await cancel(t, res);
    return false;
  }
  if (res.status === 401 || res.status === 403 || res.status === 404) return false;
  throw await failure(
    res,
    "POST",
    "mount",
    `mount ${digest} from ${fromRepository} into ${formatRepository(t.registry, t.repository)}`
  );
}
async function cancel(t, res) {
  const loc = header(res.headers, "location");
  if (!loc) return;
  try {
    await t.session.request({
      registry: t.registry,
      method: "DELETE",
      path: uploadSessionUrl(loc, res.url),
      scopes: t.scopes,
      retry: false,
      bufferLimit: 65536
    });
  } catch {
  }
}
async function uploadBlob(t, desc, body, maxChunkSize, onTooLarge = () => {
}) {
  const factory = typeof body === "function" ? body : void 0;
  let given = typeof body === "function" ? void 0 : body;
  const policy = t.session.http.policy;
  const attempts = factory ? policy.attempts : 1;
  let chunk = maxChunkSize;
  for (let attempt = 0; ; attempt++) {
    const stream = given ?? await factory();
    given = void 0;
    let early;
    stream.on("error", (e) => early ??= e);
    try {
      const started = await start(t, desc);
      if (early || stream.errored) throw early ?? stream.errored;
      const min = Number(header(started.headers, "oci-chunk-min-length")) || 0;
      if (chunk !== void 0) await chunked(t, desc, stream, started, Math.max(chunk, min));
      else await monolithic(t, desc, stream, started);
      return;
    } catch (e) {
      stream.destroy();
      const tooBig = e instanceof RegistryError && (e.status === 413 || e.status === 416) && chunk === void 0;
      if (tooBig) {
        onTooLarge();
        chunk = GHCR_MAX_CHUNK;
        if (attempt + 1 >= attempts) throw inChunksNextTime(e, desc);
        continue;
      }
      if (!isRetryable(e)) throw e;
      if (attempt + 1 >= attempts) throw factory ? spent(e) : e;
      await policy.sleep(policy.delay(attempt));
    }
  }
}
function inChunksNextTime(e, desc) {
  return new RegistryError(
    `${e.message} (${desc.size} bytes in one PUT are too many for it; the next attempt uploads in chunks)`,
    {
      method: e.method,
      url: e.url,
      status: e.status,
      codes: e.codes,
      side: e.side,
      cause: e,
      retryable: true
    }
  );
}
async function start(t, desc) {
  const res = await t.session.request({
    registry: t.registry,
    method: "POST",
    path: blobUploadPath(t.repository),
    headers: { "content-length": "0" },
    scopes: t.scopes,
    bufferLimit: 65536
  });
  if (res.status !== 202 || !header(res.headers, "location")) {
    throw await failure(
      res,
      "POST",
      "push",
      `upload of ${desc.digest} to ${formatRepository(t.registry, t.repository)}`
    );
  }
  return res;
}
async function complete(t, desc, res, method) {
  if (res.status !== 201 && res.status !== 204) {
    throw await failure(
      res,
      method,
      "push",
      `upload of ${desc.digest} to ${formatRepository(t.registry, t.repository)}`
    );
  }
  await res.body?.dump().catch(() => {
  });
  const stored = header(res.headers, "docker-content-digest");
  if (stored && stored !== desc.digest) {
    throw new RegistryError(
      `registry stored blob ${stored} instead of ${desc.digest} in ${formatRepository(t.registry, t.repository)}`,
      {
        method,
        url: res.url,
        status: res.status,
        codes: ["DIGEST_INVALID"]
      }
    );
  }
}
async function monolithic(t, desc, stream, started) {
  const url = uploadSessionUrl(header(started.headers, "location"), started.url, desc.digest);
  const res = await t.session.request({
    registry: t.registry,
    method: "PUT",
    path: url,
    headers: { "content-type": "application/octet-stream", "content-length": String(desc.size) },
    body: stream,
    scopes: t.scopes
  });
  await complete(t, desc, res, "PUT");
}
async function chunked(t, desc, stream, started, size) {
  let location2 = uploadSessionUrl(header(started.headers, "location"), started.url);
  const hash = createHash3(algorithmOf(desc.digest));
  let offset = 0;
  const what = `upload of ${desc.digest} to ${formatRepository(t.registry, t.repository)}`;
  try {
    for await (const part of rechunk(stream, size)) {
      hash.update(part);
      if (offset + part.length > desc.size)
        throw new RegistryError(`${what}: source has more than ${desc.size} bytes`, {
          method: "PATCH",
          url: location2
        });
      const res2 = await t.session.request({
        registry: t.registry,
        method: "PATCH",
        path: location2,
        headers: {
          "content-type": "application/octet-stream",
          "content-range": `${offset}-${offset + part.length - 1}`,
          "content-length": String(part.length)
        },
        body: part,
        scopes: t.scopes,
        retry: false,
        bufferLimit: 65536
      });
      if (res2.status !== 202 && res2.status !== 204) throw await failure(res2, "PATCH", "push", what);
      offset += part.length;
      const next = header(res2.headers, "location");
      if (next) location2 = uploadSessionUrl(next, res2.url);
    }
    const got = `${algorithmOf(desc.digest)}:${hash.digest("hex")}`;
    if (offset !== desc.size || got !== desc.digest) {
      throw new RegistryError(
        `${what}: source bytes do not match the descriptor (${offset} bytes, ${got}); not committing`,
        {
          method: "PATCH",
          url: location2,
          codes: ["DIGEST_INVALID"]
        }
      );
    }
    const res = await t.session.request({
      registry: t.registry,
      method: "PUT",
      path: uploadSessionUrl(location2, location2, desc.digest),
      headers: { "content-length": "0" },
      scopes: t.scopes,
      bufferLimit: 65536
    });
    await complete(t, desc, res, "PUT");
  } catch (e) {
    await cancel(t, { status: 202, headers: { location: location2 }, url: location2 });
    throw e;
  }
}
async function* rechunk(stream, size) {
  let parts = [];
  let n = 0;
  for await (const c of stream) {
    let b = typeof c === "string" ? Buffer.from(c) : c;
    while (b.length > 0) {
      const take = Math.min(size - n, b.length);
      parts.push(b.subarray(0, take));
      n += take;
      b = b.subarray(take);
      if (n === size) {
        yield Buffer.concat(parts, n);
        parts = [];
        n = 0;
      }
    }
  }
  if (n > 0) yield Buffer.concat(parts, n);
}

// src/registry/referrers.ts
var TAG_UNSAFE = /[^a-zA-Z0-9._-]/g;
function fallbackTag(digest) {
  const i = digest.indexOf(":");
  const alg = digest.slice(0, i).slice(0, 32).replace(TAG_UNSAFE, "-");
  return `${alg}-${digest.slice(i + 1, i + 65).replace(TAG_UNSAFE, "-")}`;
}
var ReferrersMemo = class {
  api = /* @__PURE__ */ new Map();
  probes = /* @__PURE__ */ new Map();
  locks = /* @__PURE__ */ new Map();
  /** `repo:tag>digest` this client has seen in a fallback index: no need to read it again. */
  indexed = /* @__PURE__ */ new Set();
  /**
   * `call()` unless `registry` is known to lack the API (then undefined). While nobody knows yet,
   * the first caller asks alone and the others wait for what it learns; if it fails without
   * learning, the next waiter asks.
   */
  async whenApi(registry, call) {
    const key3 = registryKey(registry);
    for (; ; ) {
      const known = this.api.get(key3);
      if (known === false) return void 0;
      if (known === true) return call();
      const pending = this.probes.get(key3);
      if (!pending) break;
      await pending;
    }
    const p = call();
    const done = () => {
      this.probes.delete(key3);
    };
    this.probes.set(key3, p.then(done, done));
    return p;
  }
  learn(registry, hasApi) {
    this.api.set(registryKey(registry), hasApi);
  }
  /** Run `fn` once every earlier `fn` for `key` has settled: one read-modify-write of a tag at a time. */
  serialise(key3, fn) {
    const run2 = (this.locks.get(key3) ?? Promise.resolve()).then(fn);
    const tail = run2.then(
      () => void 0,
      () => void 0
    );
    this.locks.set(key3, tail);
    void tail.then(() => {
      if (this.locks.get(key3) === tail) this.locks.delete(key3);
    });
    return run2;
  }
};
async function referrers(c, memo, registry, repository, digest) {
  const list2 = await memo.whenApi(registry, () => fromApi(c, memo, registry, repository, digest));
  return list2 ?? fromFallbackTag(c, registry, repository, digest);
}
var NO_API = /* @__PURE__ */ new Set([400, 404, 405, 501, 301, 302, 303, 307, 308, 429]);
async function fromApi(c, memo, registry, repository, digest) {
  const what = formatRepository(registry, repository);
  const res = await c.session.request({
    registry,
    method: "GET",
    path: referrersPath(repository, digest),
    headers: { accept: MediaType.OciIndex },
    scopes: c.scopes(registry, repository),
    bufferLimit: MANIFEST_LIMIT,
    // GHCR redirects this endpoint to a (rate-limited) web page: a redirect means "no API", not followed.
    followRedirects: false
  });
  if (res.status === 200) {
    memo.learn(registry, true);
    try {
      const j = JSON.parse(res.data.toString("utf8"));
      if (Array.isArray(j.manifests)) return j.manifests;
    } catch {
    }
    throw new RegistryError(`${what}: referrers response for ${digest} is not an image index`, {
      method: "GET",
      url: res.url,
      status: 200
    });
  }
  if (NO_API.has(res.status)) {
    memo.learn(registry, false);
    return void 0;
  }
  throw await failure(res, "GET", "pull", `referrers of ${digest} in ${what}`);
}
async function fromFallbackTag(c, registry, repository, digest) {
  const ref = { registry, repository, tag: fallbackTag(digest) };
  const head = await headManifest(c, ref);
  if (!head || !isIndex(head.mediaType)) return [];
  try {
    const m = await getManifest(c, ref);
    if (!isIndex(m.mediaType)) return [];
    const j = JSON.parse(m.bytes.toString("utf8"));
    return Array.isArray(j.manifests) ? j.manifests : [];
  } catch (e) {
    if (e instanceof RegistryError && e.status === 404) return [];
    throw e;
  }
}
var DIGEST = /^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;
function referrerOf(m) {
  if (!m.bytes.includes('"subject"')) return void 0;
  let j;
  try {
    j = JSON.parse(m.bytes.toString("utf8"));
  } catch {
    return void 0;
  }
  const subject = j?.subject?.digest;
  if (!j || typeof subject !== "string" || !DIGEST.test(subject)) return void 0;
  const artifactType = typeof j.artifactType === "string" ? j.artifactType : typeof j.config?.mediaType === "string" ? j.config.mediaType : void 0;
  const annotations = j.annotations;
  const stringMap = annotations !== null && typeof annotations === "object" && !Array.isArray(annotations) && Object.values(annotations).every((v) => typeof v === "string");
  const descriptor = { mediaType: m.mediaType, digest: m.digest, size: m.bytes.length };
  if (artifactType) descriptor.artifactType = artifactType;
  if (stringMap) descriptor.annotations = annotations;
  return { subject, descriptor };
}
async function addToFallbackIndex(c, memo, u) {
  const tag = fallbackTag(u.subject);
  const key3 = `${registryKey(u.registry)}/${u.repository}:${tag}`;
  const seen = `${key3}>${u.descriptor.digest}`;
  if (memo.indexed.has(seen)) return;
  const ref = { registry: u.registry, repository: u.repository, tag };
  const where = `${formatRepository(u.registry, u.repository)}:${tag}`;
  await memo.serialise(key3, async () => {
    if (memo.indexed.has(seen)) return;
    let index;
    try {
      const current = await getManifest(c, ref).catch((e) => {
        if (e instanceof RegistryError && e.status === 404) return void 0;
        throw e;
      });
      if (!current) index = { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [] };
      else {
        const j = current.mediaType === MediaType.OciIndex ? JSON.parse(current.bytes.toString("utf8")) : void 0;
        if (!j || typeof j !== "object" || !Array.isArray(j.manifests)) {
          u.warn(`${where} is not an OCI image index; referrer ${u.descriptor.digest} not added to it`);
          return;
        }
        index = j;
      }
      if (!index.manifests.some((d) => d?.digest === u.descriptor.digest)) {
        index.manifests.push(u.descriptor);
        const bytes = Buffer.from(JSON.stringify(index));
        await putManifest(c, ref, { bytes, mediaType: MediaType.OciIndex, digest: digestOf(bytes) });
      }
      memo.indexed.add(seen);
    } catch (e) {
      if (e instanceof Error) e.message = `adding referrer ${u.descriptor.digest} to ${where}: ${e.message}`;
      throw e;
    }
  });
}

// src/registry/delete.ts
var OK = /* @__PURE__ */ new Set([200, 202, 204]);
function deleteScopes(c, registry, repository) {
  return [`repository:${repository}:delete`, ...c.scopes(registry, repository)];
}
async function deleteTag(c, registry, repository, tag) {
  const res = await c.session.request({
    registry,
    method: "DELETE",
    path: tagDeletePath(repository, tag),
    scopes: deleteScopes(c, registry, repository),
    bufferLimit: 65536
  });
  if (OK.has(res.status)) return "deleted";
  if (res.status === 400 || res.status === 405) return "unsupported";
  throw await failure(res, "DELETE", "delete", formatReference({ registry, repository, tag }));
}
async function deleteManifest(c, registry, repository, digest) {
  const res = await c.session.request({
    registry,
    method: "DELETE",
    path: manifestDeletePath(repository, digest),
    scopes: deleteScopes(c, registry, repository),
    bufferLimit: 65536
  });
  if (OK.has(res.status)) return;
  const what = formatReference({ registry, repository, digest });
  const err = await failure(res, "DELETE", "delete", what);
  if (res.status === 405) err.message = `${what}: the registry does not allow deleting manifests (405)`;
  throw err;
}
function deleteRefusal(error) {
  if (!(error instanceof RegistryError) || error.method !== "DELETE") return void 0;
  const code2 = error.codes[0];
  const tail = code2 ? ` ${code2}` : "";
  if (error.status === 405 || error.codes.includes("UNSUPPORTED"))
    return `deletes are disabled there (${error.status ?? "?"}${tail})`;
  if (error.status === 401 || error.status === 403 || error.codes.includes("DENIED"))
    return `it denied the delete (${error.status ?? "?"}${tail}): the credentials may not delete, or the registry never allows it`;
  return void 0;
}
async function tagDigests(c, registry, repository, atOnce = 8) {
  const tags = await c.tagList(registry, repository, { fresh: true });
  const digests = new Array(tags.length);
  let next = 0;
  const worker = async () => {
    while (next < tags.length) {
      const i = next++;
      digests[i] = (await c.manifestHead({ registry, repository, tag: tags[i] }))?.digest;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(atOnce, tags.length)) }, worker));
  const m = /* @__PURE__ */ new Map();
  tags.forEach((t, i) => {
    const d = digests[i];
    if (d) m.set(d, [...m.get(d) ?? [], t]);
  });
  return m;
}

// src/registry/client.ts
var USER_AGENT = `mirror-action/${VERSION}`;
var RegistryClient = class {
  /** Exposed for the transports and tests; not a stable API. */
  session;
  pushRepos = /* @__PURE__ */ new Set();
  tagPageSize;
  maxTags;
  referrersMemo = new ReferrersMemo();
  warn;
  /** registry/repository → its tag list, listed once per client (a run is short; nothing expires). */
  tagLists = /* @__PURE__ */ new Map();
  /** Registries that refused a blob in one PUT (413): every later upload there goes in chunks. */
  chunkedUploads = /* @__PURE__ */ new Set();
  constructor(opts = {}) {
    this.session = new Session({
      credentials: opts.credentials ?? CredentialStore.empty(),
      registries: opts.registries ?? {},
      userAgent: opts.userAgent ?? USER_AGENT,
      retry: opts.retry,
      timeouts: opts.timeouts,
      onRateLimit: opts.onRateLimit,
      onRequest: opts.onRequest,
      warn: opts.warn,
      debug: opts.debug,
      sleep: opts.sleep
    });
    this.tagPageSize = opts.tagPageSize ?? 1e3;
    this.maxTags = opts.maxTags;
    this.warn = opts.warn ?? ((m) => process.stderr.write(`warning: ${m}
`));
  }
  /**
   * Declare that this run writes to `repository`: every token for it then asks for `pull,push`, so
   * one token serves the destination's reads and writes. The Docker destination calls this.
   */
  willPush(registry, repository) {
    this.pushRepos.add(`${registryKey(registry)}/${repository}`);
  }
  /**
   * Repositories this run is about to read (a plan's sources and targets): behind a token server
   * their tokens are then asked for several repositories per request. No request.
   */
  announceRepositories(registry, repositories) {
    const scopes = [];
    for (const r of repositories) scopes.push(...this.scopes(registry, r));
    this.session.announceScopes(registry, scopes);
  }
  /** The one retry policy of this client's requests; give it to the copy engine too. No request. */
  get retryPolicy() {
    return this.session.http.policy;
  }
  /** Token scopes for a repository (pull, or pull,push where this run writes). No request. */
  scopes(registry, repository, push = false) {
    const p = push || this.pushRepos.has(`${registryKey(registry)}/${repository}`);
    return [`repository:${repository}:${p ? "pull,push" : "pull"}`];
  }
  /** end-1 GET /v2/ — reachability, TLS, and the credentials (a token without scope, like `docker login`). */
  async ping(registry) {
    const res = await this.session.request({
      registry,
      method: "GET",
      path: pingPath(),
      scopes: [],
      bufferLimit: 65536
    });
    if (res.status !== 200) throw await failure(res, "GET", "ping", `registry ${registryKey(registry)}`);
  }
  /** end-3 HEAD /v2/<name>/manifests/<reference> — undefined on 404. Does not count as a Docker Hub pull. */
  async manifestHead(ref) {
    return headManifest(this, ref);
  }
  /** end-3 GET /v2/<name>/manifests/<reference> — digest verified, 4 MiB cap, schema 1 refused. */
  async manifestGet(ref) {
    return getManifest(this, ref);
  }
  /**
   * end-7 PUT /v2/<name>/manifests/<tag|digest> — the bytes exactly as given; returns the digest. A
   * manifest with a `subject` put to a registry that does not answer `OCI-Subject` (no referrers
   * API) is also added to the `sha256-<subject hex>` fallback index, as OCI distribution 1.1 asks.
   */
  async manifestPut(ref, m) {
    const res = await putManifest(this, ref, m);
    if (!header(res.headers, "oci-subject")) {
      const referrer = referrerOf(m);
      if (referrer) {
        await addToFallbackIndex(this, this.referrersMemo, {
          registry: ref.registry,
          repository: ref.repository,
          ...referrer,
          warn: this.warn
        });
      }
    }
    return m.digest;
  }
  /**
   * end-9 DELETE /v2/<name>/manifests/<digest> — the manifest and EVERY tag on it. A tag is resolved
   * to its digest first (end-3 HEAD); callers that must spare other tags check them first.
   */
  async manifestDelete(ref) {
    let digest = ref.digest;
    if (!digest) {
      const d = await this.manifestHead(ref);
      if (!d)
        throw new RegistryError(`not found: ${formatReference(ref)}`, {
          method: "HEAD",
          url: "",
          status: 404,
          codes: ["MANIFEST_UNKNOWN"]
        });
      digest = d.digest;
    }
    await deleteManifest(this, ref.registry, ref.repository, digest);
    this.tagLists.delete(`${registryKey(ref.registry)}/${ref.repository}`);
  }
  /**
   * end-9 DELETE /v2/<name>/manifests/<tag> (OCI 1.1 tag deletion) — the tag only; 'unsupported'
   * when the registry answers 400/405 (distribution 2.x has no tag deletion).
   */
  async tagDelete(registry, repository, tag) {
    const out = await deleteTag(this, registry, repository, tag);
    if (out === "deleted") this.tagLists.delete(`${registryKey(registry)}/${repository}`);
    return out;
  }
  /** end-2 HEAD /v2/<name>/blobs/<digest> — the size, or undefined on 404. */
  async blobHead(registry, repository, digest) {
    const res = await this.session.request({
      registry,
      method: "HEAD",
      path: blobPath(repository, digest),
      scopes: this.scopes(registry, repository)
    });
    await res.body?.dump().catch(() => {
    });
    if (res.status === 404) return void 0;
    if (res.status !== 200)
      throw await failure(res, "HEAD", "pull", `blob ${digest} in ${formatRepository(registry, repository)}`);
    const n = Number(header(res.headers, "content-length"));
    return Number.isFinite(n) ? n : 0;
  }
  /** end-2 GET /v2/<name>/blobs/<digest> — a stream verified against desc.digest and desc.size; never buffered. */
  async blobGet(registry, repository, desc) {
    const what = formatRepository(registry, repository);
    const open2 = async (offset) => this.session.request({
      registry,
      method: "GET",
      path: blobPath(repository, desc.digest),
      headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
      scopes: this.scopes(registry, repository)
    });
    const res = await open2(0);
    if (res.status !== 200) throw await failure(res, "GET", "pull", `blob ${desc.digest} in ${what}`);
    return verifiedBlobStream(res, desc, {
      what,
      policy: this.session.http.policy,
      reopen: open2,
      url: res.url,
      // The registry's own min-throughput, also when its blobs come from a CDN host.
      floor: floorFor(
        timeoutsFor(this.session.http.timeouts, this.session.options(registry)),
        new URL(res.url)
      )
    });
  }
  /** end-11 POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<repo> — true on 201; false (session cancelled) on 202. */
  async blobMount(registry, repository, digest, fromRepository) {
    return mountBlob(this.uploadTarget(registry, repository), digest, fromRepository);
  }
  /**
   * end-4a POST /v2/<name>/blobs/uploads/ then end-6 PUT <location>?digest= (one streaming request), or end-5 PATCH
   * chunks when `maxChunkSize` is configured (GHCR: 4 MiB by default) or the registry refused a
   * single PUT earlier in the run. Pass a function for `body` to let a failed upload restart with a
   * fresh session and a fresh stream; without one, a refused PUT fails retryable and the caller's
   * next attempt goes in chunks.
   */
  async blobUpload(registry, repository, desc, body) {
    const key3 = registryKey(registry);
    const chunk = this.session.options(key3).maxChunkSize ?? (this.session.flavour(key3) === "ghcr" || this.chunkedUploads.has(key3) ? GHCR_MAX_CHUNK : void 0);
    await uploadBlob(
      this.uploadTarget(registry, repository),
      desc,
      body,
      chunk,
      () => this.chunkedUploads.add(key3)
    );
  }
  /**
   * end-8b GET /v2/<name>/tags/list?n=… following `Link: <…>; rel="next"`. Listed once per repository for
   * the client's life and shared by concurrent callers (the plan's filters, every image's cosign
   * tags); a failed listing is forgotten so the next caller lists again. At most `max-tags` tags
   * (DEFAULT_MAX_TAGS unless configured) are read: a longer list is an error, never a partial list.
   */
  async tagList(registry, repository, opts = {}) {
    const key3 = `${registryKey(registry)}/${repository}`;
    if (opts.fresh) this.tagLists.delete(key3);
    let p = this.tagLists.get(key3);
    if (!p) {
      const maxTags = this.maxTags ?? this.session.options(registry).maxTags ?? DEFAULT_MAX_TAGS;
      p = listTags(this, registry, repository, { pageSize: this.tagPageSize, maxTags });
      this.tagLists.set(key3, p);
      p.catch(() => this.tagLists.delete(key3));
    }
    return [...await p];
  }
  /**
   * end-12a GET /v2/<name>/referrers/<digest>; where the registry has no referrers API (remembered for the
   * client's life after its first 404/400/405/501), HEAD then GET of the `sha256-<hex>` fallback tag.
   */
  async referrers(registry, repository, digest) {
    return referrers(this, this.referrersMemo, registry, repository, digest);
  }
  /** The last `RateLimit-*` headers `registry` answered with (Docker Hub counts pulls). No request. */
  rateLimit(registry) {
    return this.session.rateLimit(registry);
  }
  /** Closes the keep-alive connections. No request. */
  async close() {
    await this.session.http.close();
  }
  uploadTarget(registry, repository) {
    return {
      session: this.session,
      registry: registryKey(registry),
      repository,
      scopes: this.scopes(registry, repository, true)
    };
  }
};

// src/config/registries.ts
var import_yaml6 = __toESM(require_dist4(), 1);
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
var REGISTRY_KEYS = [
  "insecure",
  "ca-file",
  "cert-file",
  "key-file",
  "max-chunk-size",
  "max-tags",
  "token-realms",
  "rate-limit-reserve",
  "connect-timeout",
  "response-timeout",
  "min-throughput",
  "min-throughput-window"
];
var SECRET_KEYS = /* @__PURE__ */ new Set([
  "username",
  "user",
  "password",
  "pass",
  "token",
  "auth",
  "identitytoken",
  "registrytoken",
  "credentials",
  "secret",
  "email"
]);
var HOST_RE = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::\d{1,5})?$/;
function redactUserinfo(s) {
  return s.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/@]*@/i, "$1REDACTED@");
}
var MAX_TIMEOUT_MS = 36e5;
var MAX_IMAGE_TIMEOUT_MS = 24 * 36e5;
var UNIT_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
function parseDuration(s, max = MAX_TIMEOUT_MS) {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(s.trim());
  if (!m) return void 0;
  const ms = Math.round(Number(m[1]) * UNIT_MS[(m[2] ?? "s").toLowerCase()]);
  return ms > 0 && ms <= max ? ms : void 0;
}
function parseThroughput(s) {
  const t = s.trim().replace(/\/s$/i, "");
  if (/^(0|off)$/i.test(t)) return 0;
  return parseSize(t);
}
function parseSize(s) {
  const m = /^(\d+)\s*(b|k|kib|kb|m|mib|mb|g|gib|gb)?$/i.exec(s.trim());
  if (!m) return void 0;
  const unit = (m[2] ?? "b").toLowerCase();
  const mult = {
    b: 1,
    k: 1024,
    kib: 1024,
    kb: 1e3,
    m: 1024 ** 2,
    mib: 1024 ** 2,
    mb: 1e3 ** 2,
    g: 1024 ** 3,
    gib: 1024 ** 3,
    gb: 1e3 ** 3
  };
  const n = Number(m[1]) * mult[unit];
  return n > 0 && Number.isSafeInteger(n) ? n : void 0;
}
function readRegistries(r, section, file) {
  const out = {};
  if (r.kind(section.value) === "null") return out;
  if (r.kind(section.value) !== "map") {
    r.typeError(section, "registries", "a map of registry host \u2192 options");
    return out;
  }
  const firstByKey = /* @__PURE__ */ new Map();
  for (const e of r.entries(section.value, "registries")) {
    const host = e.key;
    if (!HOST_RE.test(host)) {
      const hint = /^https?:\/\//i.test(host) || host.includes("/") ? " (no scheme or path)" : "";
      r.errors.at(
        e.offset,
        `registries: "${redactUserinfo(host)}" is not a registry host like registry.example.com or 10.0.0.5:5000${hint}`
      );
      continue;
    }
    const key3 = registryKey(host.toLowerCase());
    const first = firstByKey.get(key3);
    if (first) {
      const p = r.errors.pos(first.offset);
      r.errors.at(
        e.offset,
        `registries: "${host}" is the same registry as "${first.key}" (line ${p.line}, column ${p.col})`
      );
      continue;
    }
    firstByKey.set(key3, e);
    const opts = readOne(r, e, `registries."${host}"`, file);
    if (opts) out[key3] = opts;
  }
  return out;
}
function readOne(r, e, where, file) {
  if (r.kind(e.value) !== "map") {
    r.typeError(e, where, `a map of options (${REGISTRY_KEYS.join(", ")})`);
    return void 0;
  }
  const all = r.entries(e.value, where);
  const secrets = all.filter((x) => SECRET_KEYS.has(x.key.toLowerCase()));
  for (const s of secrets) {
    r.errors.at(
      s.offset,
      `${where}.${s.key}: secrets do not belong in the config file; pass them with the credentials input (or --credentials FILE)`
    );
  }
  const known = r.known(
    all.filter((x) => !secrets.includes(x)),
    REGISTRY_KEYS,
    where
  );
  const opts = {};
  const insecure = known.get("insecure");
  if (insecure) {
    const v = r.bool(insecure, `${where}.insecure`);
    if (v !== void 0) opts.insecure = v;
  }
  const base = dirname(resolve(file));
  const path2 = (key4) => {
    const x = known.get(key4);
    if (!x) return void 0;
    const p = r.string(x, `${where}.${key4}`);
    if (p === void 0) return void 0;
    const abs = resolve(base, p);
    if (!existsSync(abs)) {
      r.errors.at(
        r.valueOffset(x),
        `${where}.${key4}: file "${p}" does not exist (relative paths start at the config file's folder)`
      );
      return void 0;
    }
    return abs;
  };
  const caFile = path2("ca-file");
  const certFile = path2("cert-file");
  const keyFile = path2("key-file");
  if (caFile) opts.caFile = caFile;
  if (certFile) opts.certFile = certFile;
  if (keyFile) opts.keyFile = keyFile;
  const cert = known.get("cert-file");
  const key3 = known.get("key-file");
  if (cert && !key3)
    r.errors.at(cert.offset, `${where}: cert-file needs key-file (a client certificate needs its key)`);
  if (key3 && !cert)
    r.errors.at(key3.offset, `${where}: key-file needs cert-file (a client key needs its certificate)`);
  const chunk = known.get("max-chunk-size");
  if (chunk) {
    const k = r.kind(chunk.value);
    const n = k === "number" || k === "string" ? parseSize(r.text(chunk.value) ?? "") : void 0;
    if (n === void 0) r.typeError(chunk, `${where}.max-chunk-size`, "a size in bytes, or like 4MiB");
    else opts.maxChunkSize = n;
  }
  const maxTags = known.get("max-tags");
  if (maxTags) {
    const n = r.integer(maxTags, `${where}.max-tags`, 1);
    if (n !== void 0 && n > MAX_TAGS_CEILING)
      r.errors.at(r.valueOffset(maxTags), `${where}.max-tags: at most ${MAX_TAGS_CEILING}, got ${n}`);
    else if (n !== void 0) opts.maxTags = n;
  }
  const reserve = known.get("rate-limit-reserve");
  if (reserve) {
    const n = r.integer(reserve, `${where}.rate-limit-reserve`, 0);
    if (n !== void 0) opts.rateLimitReserve = n;
  }
  const floor = known.get("min-throughput");
  if (floor) {
    const k = r.kind(floor.value);
    const n = k === "number" || k === "string" ? parseThroughput(r.text(floor.value) ?? "") : void 0;
    if (n === void 0)
      r.typeError(floor, `${where}.min-throughput`, "bytes per second like 10KiB or 1MiB, or 0 (off)");
    else opts.minBytesPerSec = n;
  }
  for (const [key4, field] of [
    ["connect-timeout", "connectTimeoutMs"],
    ["response-timeout", "responseTimeoutMs"],
    ["min-throughput-window", "throughputWindowMs"]
  ]) {
    const e2 = known.get(key4);
    if (!e2) continue;
    const k = r.kind(e2.value);
    const ms = k === "number" || k === "string" ? parseDuration(r.text(e2.value) ?? "") : void 0;
    if (ms === void 0) r.typeError(e2, `${where}.${key4}`, "a duration like 10s, 1m or 500ms (at most 1h)");
    else opts[field] = ms;
  }
  const realms = known.get("token-realms");
  if (realms) {
    const v = readTokenRealms(r, realms, `${where}.token-realms`);
    if (v) opts.tokenRealms = v;
  }
  return opts;
}
function readTokenRealms(r, e, where) {
  const n = r.deref(e.value);
  if ((0, import_yaml6.isSeq)(n) && n.items.length === 0) return [];
  const items = r.stringList(e, where);
  if (!items) return void 0;
  const out = [];
  for (const it of items) {
    if (!HOST_RE.test(it.value)) {
      r.errors.at(
        it.offset,
        `${where}: "${redactUserinfo(it.value)}" is not a host like auth.example.com or auth.example.com:8443 (no scheme or path)`
      );
      continue;
    }
    out.push(it.value.toLowerCase());
  }
  return out.length === items.length ? out : void 0;
}

// src/config/signing.ts
import { resolve as resolve2 } from "node:path";

// src/config/pem-file.ts
import { readFileSync, statSync } from "node:fs";
var MAX_KEY_FILE = 64 * 1024;
function readPemFile(abs, kind, fail2) {
  try {
    if (statSync(abs).size > MAX_KEY_FILE)
      return fail2(`is larger than ${MAX_KEY_FILE / 1024} KiB; not a ${kind} key`);
    return readFileSync(abs, "utf8");
  } catch (err) {
    const code2 = err.code;
    return code2 === "ENOENT" ? fail2(`does not exist (relative paths start at the config file's folder)`) : fail2(`cannot be read: ${err.message}`, err);
  }
}

// src/config/signing.ts
var SIGN_KEYS = ["key", "keyless", "password", "format", "fulcio-url", "rekor-url"];
var FORMATS = ["bundle", "legacy", "both"];
var DEFAULT_PASSWORD_ENV = "COSIGN_PASSWORD";
var DEFAULT_FULCIO_URL = "https://fulcio.sigstore.dev";
var DEFAULT_REKOR_URL = "https://rekor.sigstore.dev";
var ENV_NAME2 = /^[A-Za-z_][A-Za-z0-9_]*$/;
function readSign(r, e, name2, dir) {
  if (r.kind(e.value) === "boolean") {
    if (r.bool(e, name2) === false) return false;
    r.errors.at(r.valueOffset(e), `${name2}: expected a map (key or keyless, format) or false, got true`);
    return void 0;
  }
  if (r.kind(e.value) !== "map") {
    r.typeError(e, name2, "a map (key or keyless, format) or false");
    return void 0;
  }
  const { line, col } = r.errors.pos(e.offset);
  const before = r.errors.count;
  const out = { at: `${r.errors.file}:${line}:${col}`, offset: e.offset, name: name2 };
  const known = r.known(r.entries(e.value, name2), SIGN_KEYS, name2);
  const key3 = known.get("key");
  if (key3) {
    const text = r.string(key3, `${name2}.key`);
    if (text !== void 0) out.key = readKeyRef(r, key3, text, `${name2}.key`, dir);
  }
  const keyless2 = known.get("keyless");
  if (keyless2) {
    const b = r.bool(keyless2, `${name2}.keyless`);
    if (b !== void 0) out.keyless = b;
  }
  if (key3 && keyless2 && out.keyless)
    r.errors.at(keyless2.offset, `${name2}: key and keyless: true exclude each other; choose one`);
  const password = known.get("password");
  if (password) {
    const text = r.string(password, `${name2}.password`);
    const v = text?.startsWith("env:") ? text.slice(4) : void 0;
    if (v !== void 0 && ENV_NAME2.test(v)) out.passwordEnv = v;
    else if (text !== void 0)
      r.errors.at(
        r.valueOffset(password),
        `${name2}.password: expected env:VARIABLE (the password is read from the environment, never from the config)`
      );
  }
  const format = known.get("format");
  if (format) {
    const f = r.kind(format.value) === "string" ? r.text(format.value) : void 0;
    if (f !== void 0 && FORMATS.includes(f)) out.format = f;
    else r.typeError(format, `${name2}.format`, FORMATS.join(", "));
  }
  for (const [k, field] of [
    ["fulcio-url", "fulcioUrl"],
    ["rekor-url", "rekorUrl"]
  ]) {
    const x = known.get(k);
    if (!x) continue;
    const text = r.string(x, `${name2}.${k}`);
    if (text === void 0) continue;
    if (!/^https?:\/\/[^/\s]+/.test(text))
      r.errors.at(r.valueOffset(x), `${name2}.${k}: expected an http(s) URL, got "${text}"`);
    else out[field] = text.replace(/\/+$/, "");
  }
  if (r.errors.count > before) out.refused = true;
  return out;
}
function readKeyRef(r, e, text, name2, dir) {
  const at = r.valueOffset(e);
  if (text.startsWith("env:")) {
    const v = text.slice(4);
    if (ENV_NAME2.test(v)) return { env: v };
    r.errors.at(at, `${name2}: "${text}" is not env:VARIABLE with a valid variable name`);
    return void 0;
  }
  const abs = resolve2(dir, text);
  const fail2 = (why, cause) => {
    r.errors.at(at, `${name2}: "${text}" ${why}`, cause);
    return void 0;
  };
  const pem = readPemFile(abs, "private", fail2);
  if (pem === void 0) return void 0;
  if (!/-----BEGIN (ENCRYPTED SIGSTORE|ENCRYPTED COSIGN|EC|RSA)? ?PRIVATE KEY-----/.test(pem))
    return fail2(
      "is not a private key (expected a cosign key from cosign generate-key-pair, or a PKCS#8 PEM private key)"
    );
  return { file: abs };
}
function mergeSign(r, defaults, own, reported) {
  if (own === false || own === void 0 && !defaults) return void 0;
  const d = defaults || void 0;
  if (own?.refused || d?.refused) return void 0;
  const level = own ?? d;
  const signer = own && (own.key !== void 0 || own.keyless !== void 0) ? own : d;
  const keyless2 = signer?.keyless === true;
  const key3 = keyless2 ? void 0 : signer?.key;
  if (!keyless2 && !key3) {
    const p = `${level.name}: needs key (a cosign private key file or env:VARIABLE) or keyless: true`;
    if (!reported.has(`${level.offset}
${p}`)) {
      reported.add(`${level.offset}
${p}`);
      r.errors.at(level.offset, p);
    }
    return void 0;
  }
  const policy = {
    format: own?.format ?? d?.format ?? "bundle",
    passwordEnv: own?.passwordEnv ?? d?.passwordEnv ?? DEFAULT_PASSWORD_ENV,
    at: level.at
  };
  if (key3) policy.key = key3;
  if (keyless2)
    policy.keyless = {
      fulcioUrl: own?.fulcioUrl ?? d?.fulcioUrl ?? DEFAULT_FULCIO_URL,
      rekorUrl: own?.rekorUrl ?? d?.rekorUrl ?? DEFAULT_REKOR_URL
    };
  return policy;
}
function signEnvNames(p) {
  const names = [p.passwordEnv];
  if (p.key && "env" in p.key) names.push(p.key.env);
  return names;
}

// src/config/signatures.ts
import { createPublicKey } from "node:crypto";
import { resolve as resolve4 } from "node:path";

// src/config/keyless.ts
var import_yaml7 = __toESM(require_dist4(), 1);
import { readFileSync as readFileSync2, statSync as statSync2 } from "node:fs";
import { resolve as resolve3 } from "node:path";
var IDENTITY_KEYS = ["issuer", "subject"];
var MAX_TRUSTED_ROOT = 1024 * 1024;
var TRUSTED_ROOT_MEDIA_TYPE = /^application\/vnd\.dev\.sigstore\.trustedroot(\.v0\.\d+)?\+json(;version=0\.\d+)?$/;
function readKeyless(r, e, name2) {
  const list2 = r.deref(e.value);
  if (!(0, import_yaml7.isSeq)(list2) || list2.items.length === 0) {
    r.typeError(e, name2, "a non-empty list of {issuer, subject}");
    return void 0;
  }
  const out = [];
  let ok = true;
  list2.items.forEach((item, i) => {
    const where = `${name2}[${i}]`;
    const node = r.deref(item);
    if (!(0, import_yaml7.isMap)(node)) {
      r.error(node, `${where}: expected a map (issuer, subject), got ${r.describe(node)}`, r.valueOffset(e));
      ok = false;
      return;
    }
    const known = r.known(r.entries(node, where), IDENTITY_KEYS, where);
    const issuer = known.get("issuer");
    const subject = known.get("subject");
    const iss = issuer ? r.string(issuer, `${where}.issuer`) : void 0;
    const sub = subject ? r.string(subject, `${where}.subject`) : void 0;
    if (!issuer || !subject) {
      r.error(node, `${where}: needs both issuer (the OIDC issuer URL) and subject (a regular expression)`);
      ok = false;
      return;
    }
    if (iss === void 0 || sub === void 0) {
      ok = false;
      return;
    }
    if (iss === "") {
      r.errors.at(r.valueOffset(issuer), `${where}.issuer: must not be empty`);
      ok = false;
    }
    try {
      new RegExp(sub, "u");
    } catch (err) {
      r.errors.at(
        r.valueOffset(subject),
        `${where}.subject: not a regular expression: ${err.message}`
      );
      ok = false;
      return;
    }
    out.push({ issuer: iss, subject: sub });
  });
  return ok ? out : void 0;
}
function readTrustedRoot(r, e, name2, dir) {
  const v = r.kind(e.value) === "string" ? r.text(e.value) : void 0;
  if (v === void 0 || v === "") {
    r.typeError(e, name2, "auto or the path of a trusted_root.json");
    return void 0;
  }
  if (v === "auto") return "auto";
  const abs = resolve3(dir, v);
  const fail2 = (why, cause) => {
    r.errors.at(r.valueOffset(e), `${name2}: "${v}" ${why}`, cause);
    return void 0;
  };
  let text;
  try {
    if (statSync2(abs).size > MAX_TRUSTED_ROOT)
      return fail2(`is larger than ${MAX_TRUSTED_ROOT / 1024 / 1024} MiB; not a trusted root`);
    text = readFileSync2(abs, "utf8");
  } catch (err) {
    const code2 = err.code;
    return code2 === "ENOENT" ? fail2(`does not exist (relative paths start at the config file's folder)`) : fail2(`cannot be read: ${err.message}`, err);
  }
  let j;
  try {
    j = JSON.parse(text);
  } catch (err) {
    return fail2(`is not JSON: ${err.message}`, err);
  }
  const mt = j?.mediaType;
  if (typeof mt !== "string" || !TRUSTED_ROOT_MEDIA_TYPE.test(mt))
    return fail2(
      `is not a Sigstore trusted root (mediaType ${JSON.stringify(mt ?? null)}); give a trusted_root.json such as \`cosign trusted-root create\` or the TUF repository writes`
    );
  return { file: abs };
}

// src/config/signatures.ts
var SIGNATURES_KEYS = ["verify", "sign"];
var VERIFY_KEYS = ["mode", "keys", "transparency-log", "keyless", "trusted-root"];
var MODES = ["enforce", "warn", "off"];
var TLOG = ["optional", "required"];
function readSignatures(r, e, where, dir) {
  const before = r.errors.count;
  const out = readLevel(r, e, where, dir);
  if (out && r.errors.count > before) out.refused = true;
  return out;
}
function readLevel(r, e, where, dir) {
  const name2 = `${where}.signatures`;
  if (r.kind(e.value) !== "map") {
    r.typeError(e, name2, "a map (verify, sign)");
    return void 0;
  }
  const top = r.known(r.entries(e.value, name2), SIGNATURES_KEYS, name2);
  const v = top.get("verify");
  const out = { offset: e.offset };
  const s = top.get("sign");
  if (s) out.sign = readSign(r, s, `${name2}.sign`, dir);
  if (!v) return out;
  const vname = `${name2}.verify`;
  if (r.kind(v.value) !== "map") {
    r.typeError(v, vname, `a map (${VERIFY_KEYS.slice(0, 3).join(", ")})`);
    return void 0;
  }
  const known = r.known(r.entries(v.value, vname), VERIFY_KEYS, vname);
  const keyless2 = known.get("keyless");
  if (keyless2) {
    const ids = readKeyless(r, keyless2, `${vname}.keyless`);
    if (ids) out.keyless = ids;
  }
  const root = known.get("trusted-root");
  if (root) {
    const t = readTrustedRoot(r, root, `${vname}.trusted-root`, dir);
    if (t) out.trustedRoot = t;
  }
  const mode = known.get("mode");
  if (mode) {
    const m = oneOf(r, mode, `${vname}.mode`, MODES);
    if (m) out.mode = m;
  }
  const tlog = known.get("transparency-log");
  if (tlog) {
    const t = oneOf(r, tlog, `${vname}.transparency-log`, TLOG);
    if (t) out.transparencyLog = t;
  }
  const keys = known.get("keys");
  if (keys) {
    const items = r.stringList(keys, `${vname}.keys`);
    if (items) {
      const files = items.map((it) => readKeyFile(r, it, `${vname}.keys`, dir));
      if (files.every((f) => f !== void 0)) out.keys = files;
    }
  }
  return out;
}
function oneOf(r, e, name2, allowed) {
  const v = r.kind(e.value) === "string" ? r.text(e.value) : void 0;
  if (v !== void 0 && allowed.includes(v)) return v;
  r.typeError(e, name2, allowed.join(", "));
  return void 0;
}
function readKeyFile(r, it, name2, dir) {
  const abs = resolve4(dir, it.value);
  const fail2 = (why, cause) => {
    r.errors.at(it.offset, `${name2}: "${it.value}" ${why}`, cause);
    return void 0;
  };
  const pem = readPemFile(abs, "public", fail2);
  if (pem === void 0) return void 0;
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem))
    return fail2("is a private key; give the public key (cosign public-key --key \u2026 > key.pub)");
  try {
    const problem = keyTypeProblem(createPublicKey(pem));
    if (problem) return fail2(problem);
  } catch (err) {
    return fail2(`is not a PEM public key: ${err.message}`, err);
  }
  return abs;
}
function keyTypeProblem(key3) {
  const t = key3.asymmetricKeyType;
  if (t === "ed25519" || t === "rsa") return void 0;
  const curve = key3.asymmetricKeyDetails?.namedCurve;
  if (t === "ec" && (curve === "prime256v1" || curve === "secp384r1")) return void 0;
  const what = t === "ec" ? `ECDSA ${curve ?? "unknown curve"}` : String(t);
  return `is a ${what} key; supported: ECDSA P-256 or P-384, Ed25519, RSA`;
}
function mergePolicy(r, defaults, own, where, reported) {
  const mode = own?.mode ?? defaults?.mode ?? "off";
  if (mode === "off" || own?.refused || defaults?.refused) return void 0;
  const signers = own && (own.keys || own.keyless) ? own : defaults;
  const keys = signers?.keys ?? [];
  const keyless2 = signers?.keyless ?? [];
  const transparencyLog = own?.transparencyLog ?? defaults?.transparencyLog ?? "required";
  const trustedRoot = own?.trustedRoot ?? defaults?.trustedRoot ?? "auto";
  const at = own ?? defaults;
  const label = own ? `${where}.signatures.verify` : "defaults.signatures.verify";
  if (keys.length === 0 && keyless2.length === 0) {
    const p = `${label}: mode ${mode} needs keys (PEM public keys) or keyless identities (issuer and subject)`;
    const k = `${at.offset}
${p}`;
    if (!reported.has(k)) {
      reported.add(k);
      r.errors.at(at.offset, p);
    }
    return void 0;
  }
  return { mode, keys, keyless: keyless2, trustedRoot, transparencyLog };
}

// src/config/load.ts
var import_yaml10 = __toESM(require_dist4(), 1);
import { readFile as readFile2, stat } from "node:fs/promises";

// src/config/expansion.ts
var import_yaml8 = __toESM(require_dist4(), 1);
var MAX_EXPANDED_NODES = 1e5;
var MAX_NESTING = 256;
var Refused = class extends Error {
  constructor(offset, message) {
    super(message);
    this.offset = offset;
  }
  offset;
};
function checkExpansion(doc, errors, maxExpanded = MAX_EXPANDED_NODES) {
  const sizes = /* @__PURE__ */ new Map();
  const open2 = /* @__PURE__ */ new Set();
  let added = 0;
  const offsetOf = (n) => n?.range?.[0] ?? 0;
  const size = (node, depth) => {
    if (node === null || typeof node !== "object") return 1;
    const known = sizes.get(node);
    if (known !== void 0) return known;
    if (depth > MAX_NESTING) {
      throw new Refused(offsetOf(node), `YAML: nested more than ${MAX_NESTING} levels deep`);
    }
    if (open2.has(node)) throw new Refused(offsetOf(node), "YAML: an alias refers to a node it is inside");
    open2.add(node);
    let s = 1;
    if ((0, import_yaml8.isAlias)(node)) {
      const target = node.resolve(doc);
      s = target ? size(target, depth + 1) : 1;
      added += s;
      if (added > maxExpanded) {
        throw new Refused(
          offsetOf(node),
          `YAML: aliases and merge keys (<<) expand the config to more than ${maxExpanded} extra nodes (this alias, *${node.source}, passes the limit); write the values out or share less`
        );
      }
    } else if ((0, import_yaml8.isMap)(node) || (0, import_yaml8.isSeq)(node)) {
      for (const item of node.items) {
        s += (0, import_yaml8.isPair)(item) ? size(item.key, depth + 1) + size(item.value, depth + 1) : size(item, depth + 1);
      }
    }
    open2.delete(node);
    sizes.set(node, s);
    return s;
  };
  try {
    size(doc.contents, 0);
    return true;
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    errors.at(e.offset, e.message);
    return false;
  }
}

// src/config/validate.ts
var import_yaml9 = __toESM(require_dist4(), 1);
import { dirname as dirname2, resolve as resolve5 } from "node:path";

// src/config/options.ts
var OPTION_KEYS = [
  "platforms",
  "verify",
  "referrers",
  "attestations",
  "foreign-layers",
  "convert",
  "max-age",
  "min-age",
  "overwrite",
  "prune",
  "keep",
  "prune-limit",
  "image-timeout",
  // Read by signatures.ts: its key paths need the config file's folder.
  "signatures"
];
function parseMaxAge(s) {
  const m = /^(\d+(?:\.\d+)?)\s*([hdw]?)$/.exec(s.trim());
  if (!m) return void 0;
  const n = Number(m[1]);
  const days = m[2] === "h" ? n / 24 : m[2] === "w" ? n * 7 : n;
  return days > 0 ? days : void 0;
}
function readOptions(r, known, where) {
  const out = {};
  const p = known.get("platforms");
  if (p) {
    const platforms = readPlatforms(r, p, `${where}.platforms`);
    if (platforms) out.platforms = platforms;
  }
  const flag = (key3, set) => {
    const e = known.get(key3);
    if (!e) return;
    const v = r.bool(e, `${where}.${key3}`);
    if (v !== void 0) set(v);
  };
  flag("verify", (v) => out.verify = v);
  flag("referrers", (v) => out.referrers = v);
  flag("attestations", (v) => out.keepAttestations = v);
  flag("foreign-layers", (v) => out.includeForeignLayers = v);
  const convert = known.get("convert");
  if (convert) {
    const v = r.kind(convert.value) === "boolean" ? String(r.text(convert.value)).toLowerCase() : r.text(convert.value);
    if (v === "docker") out.convertToDocker = true;
    else if (v === "false" || v === "none") out.convertToDocker = false;
    else r.typeError(convert, `${where}.convert`, '"docker" or false');
  }
  const age = (key3, set) => {
    const e = known.get(key3);
    if (!e) return;
    const k = r.kind(e.value);
    const days = k === "number" || k === "string" ? parseMaxAge(r.text(e.value) ?? "") : void 0;
    if (days === void 0) r.typeError(e, `${where}.${key3}`, "a positive age like 7 (days), 12h, 7d or 2w");
    else set(days);
  };
  age("max-age", (d) => out.maxAgeDays = d);
  age("min-age", (d) => out.minAgeDays = d);
  const deadline = known.get("image-timeout");
  if (deadline) {
    const k = r.kind(deadline.value);
    const ms = k === "number" || k === "string" ? parseDuration(r.text(deadline.value) ?? "", MAX_IMAGE_TIMEOUT_MS) : void 0;
    if (ms === void 0)
      r.typeError(deadline, `${where}.image-timeout`, "a duration like 30m, 2h or 90s (at most 24h)");
    else out.imageTimeoutMs = ms;
  }
  const ow = known.get("overwrite");
  if (ow) {
    const v = r.kind(ow.value) === "string" ? r.text(ow.value) : void 0;
    if (v !== void 0 && OVERWRITE_POLICIES.includes(v))
      out.overwrite = v;
    else r.typeError(ow, `${where}.overwrite`, '"always", "if-ours" or "never"');
  }
  flag("prune", (v) => out.prune = v);
  const keep = known.get("keep");
  if (keep) {
    const items = r.stringList(keep, `${where}.keep`);
    if (items) {
      const bad2 = items.map((i) => [i, tagPatternError(i.value)]).filter(([, p2]) => p2);
      for (const [i, problem] of bad2) r.errors.at(i.offset, `${where}.keep: ${problem}`);
      if (bad2.length === 0) out.keep = items.map((i) => i.value);
    }
  }
  const limit = known.get("prune-limit");
  if (limit) {
    const n = r.integer(limit, `${where}.prune-limit`, 1);
    if (n !== void 0) out.pruneLimit = n;
  }
  return out;
}
function readPlatforms(r, e, name2) {
  if (r.kind(e.value) === "string" && r.text(e.value) === "all") return "all";
  let items;
  if (r.kind(e.value) === "string") {
    const base = r.offset(e.value);
    let at = 0;
    items = (r.text(e.value) ?? "").split(",").map((part) => {
      const item = { value: part.trim(), offset: base + at + (part.length - part.trimStart().length) };
      at += part.length + 1;
      return item;
    });
  } else {
    items = r.stringList(e, name2);
  }
  if (!items) return void 0;
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  let ok = true;
  for (const item of items) {
    if (item.value === "all") {
      r.errors.at(item.offset, `${name2}: "all" cannot be combined with other platforms; write platforms: all`);
      ok = false;
      continue;
    }
    let p;
    try {
      p = parsePlatform(item.value);
    } catch (err) {
      r.errors.at(item.offset, `${name2}: ${err.message}`, err);
      ok = false;
      continue;
    }
    const key3 = formatPlatform(p);
    if (seen.has(key3)) {
      const as = key3 === item.value ? "" : ` (as ${key3})`;
      r.errors.at(item.offset, `${name2}: "${item.value}" is listed twice${as}`);
      ok = false;
    } else {
      seen.add(key3);
      out.push(p);
    }
  }
  return ok ? out : void 0;
}

// src/config/entries.ts
var ENTRY_KEYS = ["target", "tags", "exclude", "semver", "latest", ...OPTION_KEYS];
var FILTER_KEYS = ["tags", "exclude", "semver", "latest"];
function errorText(err) {
  return err instanceof Error ? err.message : String(err);
}
function readEntry(r, source, keyOffset, value, defaults) {
  const where = `images."${source}"`;
  const before = r.errors.count;
  const sourceRef = readSource(r, source, keyOffset);
  let targetText;
  let targetOffset = keyOffset;
  let explicitTarget = false;
  let known = /* @__PURE__ */ new Map();
  const kind = r.kind(value);
  if (kind === "string" && r.text(value) !== "~") {
    targetText = r.text(value);
    targetOffset = r.offset(value, keyOffset);
    explicitTarget = true;
  } else if (kind === "map") {
    known = r.known(r.entries(value, where), ENTRY_KEYS, where);
    const t = known.get("target");
    if (t && !(r.kind(t.value) === "null" || r.text(t.value) === "~")) {
      targetText = r.string(t, `${where}.target`);
      targetOffset = r.valueOffset(t);
      explicitTarget = true;
    }
  } else if (kind !== "null" && kind !== "string") {
    const hint = kind === "number" && !source.includes(":") ? ` (for a tag write "${source}:${r.text(value)}" with no space)` : "";
    r.error(
      value,
      `${where}: expected a target, ~ or a map of options (target, tags, semver, \u2026), got ${r.describe(value)}${hint}`,
      keyOffset
    );
    return void 0;
  }
  const own = readOptions(r, known, where);
  const options = { ...defaults.options, ...own };
  if (own.keep) options.keep = [.../* @__PURE__ */ new Set([...defaults.options.keep, ...own.keep])];
  const sig = known.get("signatures");
  const ownPolicy = sig ? readSignatures(r, sig, where, defaults.dir) : void 0;
  const policy = mergePolicy(r, defaults.signatures, ownPolicy, where, defaults.reported);
  if (policy) options.signatures = policy;
  const sign2 = mergeSign(r, defaults.signatures?.sign, ownPolicy?.sign, defaults.reported);
  if (sign2) options.sign = sign2;
  const filter = readFilter(r, known, where);
  const filterKeys = FILTER_KEYS.filter((k) => known.has(k));
  if (sourceRef && (sourceRef.tag !== void 0 || sourceRef.digest !== void 0) && filterKeys.length > 0) {
    const first = known.get(filterKeys[0]);
    r.errors.at(
      first.offset,
      `${where}: the source already names ${sourceRef.tag !== void 0 ? `the tag "${sourceRef.tag}"` : "a digest"}; remove it from the key to select tags with ${filterKeys.join("/")}, or remove ${filterKeys.join("/")}`
    );
  }
  const needsFilter = sourceRef !== void 0 && sourceRef.tag === void 0 && sourceRef.digest === void 0;
  if (needsFilter && !known.has("tags") && !known.has("semver")) {
    const extra = ["latest", "exclude"].filter((k) => known.has(k));
    if (extra.length > 0) {
      const e = known.get(extra[0]);
      r.errors.at(
        e.offset,
        `${where}: ${extra.join(" and ")} ${extra.length > 1 ? "choose" : "chooses"} among tags; add tags: ["*"] or a semver range`
      );
    } else {
      const looksLikeTag = explicitTarget && targetText !== void 0 && TAG_RE.test(targetText) && !targetText.includes("/");
      const hint = looksLikeTag ? ` (for the tag "${targetText}" write "${source}:${targetText}" with no space)` : "";
      r.errors.at(
        keyOffset,
        `${where}: the source names no tag; add one (${source}:TAG) or select tags with tags (["*"] for all) or semver${hint}`
      );
    }
  }
  if (!explicitTarget) {
    if (defaults.target === void 0) {
      if (!defaults.targetRefused) {
        const at = kind === "map" ? keyOffset : r.offset(value, keyOffset);
        r.errors.at(at, `${where}: no target; give one, or set defaults.target`);
      }
      return void 0;
    }
    if (sourceRef) {
      try {
        targetText = composeTarget(defaults.target, sourceRef);
      } catch (err) {
        r.errors.at(keyOffset, `${where}: ${errorText(err)}`);
      }
    }
  }
  if (targetText !== void 0) checkTarget(r, targetText, targetOffset, where, explicitTarget, needsFilter);
  if (r.errors.count > before || !sourceRef || targetText === void 0) return void 0;
  const pos = r.errors.pos(keyOffset);
  const entry = { source, sourceRef, target: targetText, ...options, position: pos };
  if (needsFilter) entry.filter = filter;
  return { entry, offset: keyOffset };
}
function readSource(r, source, offset) {
  const transport = transportOf(source);
  if (transport !== void 0) {
    r.errors.at(
      offset,
      `source "${source}": sources are registry references; ${transport}: is only for targets`
    );
    return void 0;
  }
  try {
    return parseReference(stripDocker(source), NO_DEFAULT_TAG);
  } catch (err) {
    r.errors.at(offset, `source: ${errorText(err)}`);
    return void 0;
  }
}
function readFilter(r, known, where) {
  const filter = {};
  for (const key3 of ["tags", "exclude"]) {
    const e = known.get(key3);
    if (!e) continue;
    const items = r.stringList(e, `${where}.${key3}`);
    if (!items) continue;
    for (const item of items) {
      const problem = tagPatternError(item.value);
      if (problem) r.errors.at(item.offset, `${where}.${key3}: ${problem}`);
    }
    filter[key3] = items.map((i) => i.value);
  }
  const s = known.get("semver");
  if (s) {
    const range = r.string(s, `${where}.semver`);
    if (range !== void 0) {
      if (validSemverRange(range) === void 0) {
        r.errors.at(
          r.valueOffset(s),
          `${where}.semver: invalid semver range "${range}" (examples: ">=1.4 <3", "^2.1", "~1.27")`
        );
      } else {
        filter.semver = range;
      }
    }
  }
  const l = known.get("latest");
  if (l) {
    const n = r.integer(l, `${where}.latest`, 1);
    if (n !== void 0) filter.latest = n;
  }
  return filter;
}
function checkTarget(r, text, offset, where, explicit, hasFilter) {
  let t;
  try {
    t = parseTarget(text);
  } catch (err) {
    r.errors.at(offset, `${where}: invalid target: ${errorText(err)}`);
    return;
  }
  if (t.kind === "registry") {
    if (t.ref.digest !== void 0) {
      r.errors.at(
        offset,
        `${where}: target "${text}" names a digest; the digest always comes from the source`
      );
      return;
    }
    const problem = explicit ? registryPathProblem(t.ref) : void 0;
    if (problem) r.errors.at(offset, `${where}: ${problem}`);
  }
  if (!hasFilter) return;
  if (t.kind === "dir") {
    r.errors.at(
      offset,
      `${where}: a dir: target holds one image, but a filter selects several tags; use oci: instead`
    );
  } else if (targetHasTag(t)) {
    r.errors.at(
      offset,
      `${where}: target "${text}" fixes one tag, but a filter selects several; give a repository without a tag (each tag is kept)`
    );
  }
}

// src/config/validate.ts
var TOP_KEYS = ["version", "defaults", "registries", "images", "lock"];
var DEFAULTS_KEYS = ["target", ...OPTION_KEYS];
function validateDocument(doc, errors, file) {
  const r = new NodeReader(doc, errors);
  const root = r.deref(doc.contents);
  if (root === null || (0, import_yaml9.isScalar)(root) && root.value === null) {
    errors.at(0, "config is empty");
    return void 0;
  }
  if (!(0, import_yaml9.isMap)(root)) {
    const hint = (0, import_yaml9.isSeq)(root) ? " (a list of images goes under images:)" : "";
    r.error(root, `the config must be a map with keys ${TOP_KEYS.join(", ")}, got ${r.describe(root)}${hint}`);
    return void 0;
  }
  const top = r.known(r.entries(root, "the config"), TOP_KEYS, "the config");
  const version = top.get("version");
  if (version) {
    const v = r.text(version.value);
    const ok = (r.kind(version.value) === "number" || r.kind(version.value) === "string") && v === "1";
    if (!ok) {
      const shown = r.kind(version.value) === "number" || r.kind(version.value) === "string" ? v : r.describe(version.value);
      r.errors.at(r.valueOffset(version), `unsupported version ${shown}: this mirror-action reads version 1`);
    }
  }
  const registriesEntry = top.get("registries");
  const registries = registriesEntry ? readRegistries(r, registriesEntry, file) : {};
  const defaults = readDefaults(r, top.get("defaults"), dirname2(resolve5(file)));
  const imagesEntry = top.get("images");
  let built = [];
  if (!imagesEntry) errors.at(r.offset(root), "images: missing; list the images to mirror under images:");
  else built = readImages(r, imagesEntry, defaults);
  checkDuplicateTargets(r, built);
  const config = { version: 1, file, registries, images: built.map((b) => b.entry) };
  const { prune, keep, pruneLimit } = defaults.options;
  if (prune) config.retention = { prune, keep, pruneLimit };
  const lock = top.get("lock");
  if (lock) {
    const path2 = r.string(lock, "lock");
    if (path2 === "") r.errors.at(r.valueOffset(lock), "lock: expected a file path, got an empty string");
    else if (path2 !== void 0) config.lock = resolve5(dirname2(resolve5(file)), path2);
  }
  return config;
}
function readDefaults(r, section, dir) {
  const defaults = {
    targetRefused: false,
    options: { ...DEFAULT_ENTRY_OPTIONS },
    dir,
    reported: /* @__PURE__ */ new Set()
  };
  if (!section || r.kind(section.value) === "null") return defaults;
  if (r.kind(section.value) !== "map") {
    r.typeError(section, "defaults", `a map (${DEFAULTS_KEYS.join(", ")})`);
    return defaults;
  }
  const known = r.known(r.entries(section.value, "defaults"), DEFAULTS_KEYS, "defaults");
  defaults.options = { ...defaults.options, ...readOptions(r, known, "defaults") };
  const sig = known.get("signatures");
  if (sig) defaults.signatures = readSignatures(r, sig, "defaults", dir);
  const t = known.get("target");
  if (t) {
    const base = r.string(t, "defaults.target");
    const problem = base === void 0 ? void 0 : defaultsTargetProblem(base);
    if (base === void 0 || problem) {
      defaults.targetRefused = true;
      if (problem) r.errors.at(r.valueOffset(t), `defaults.target: ${problem}`);
    } else {
      defaults.target = base;
    }
  }
  return defaults;
}
function defaultsTargetProblem(base) {
  const probe = { registry: "registry.invalid", repository: "probe" };
  let composed;
  try {
    composed = composeTarget(base, probe);
  } catch (err) {
    return errorText(err);
  }
  if (transportOf(base) !== void 0) return void 0;
  try {
    const ref = parseReference(stripDocker(composed), NO_DEFAULT_TAG);
    if (ref.tag !== void 0 || ref.digest !== void 0) throw new Error("no tag or digest allowed");
    if (registryPathProblem(ref)) {
      return `Aliyun ACR (personal edition) accepts only namespace/repository, so defaults.target must be HOST/NAMESPACE (got "${base}")`;
    }
  } catch (err) {
    let why = errorText(err);
    try {
      const own = parseReference(stripDocker(base), NO_DEFAULT_TAG);
      if (own.tag !== void 0 || own.digest !== void 0) why = "it is a prefix and takes no tag or digest";
    } catch (err2) {
      why = errorText(err2);
    }
    return `"${base}" is not a registry/namespace prefix: ${why}`;
  }
  return void 0;
}
function readImages(r, section, defaults) {
  const out = [];
  const kind = r.kind(section.value);
  const push = (b) => {
    if (b) out.push(b);
  };
  if (kind === "map") {
    const entries = r.entries(section.value, "images");
    for (const e of entries) push(readEntry(r, e.key, e.offset, e.value, defaults));
    if (entries.length === 0) r.errors.at(section.offset, "images: no images listed");
  } else if (kind === "list") {
    const list2 = r.deref(section.value);
    const items = (0, import_yaml9.isSeq)(list2) ? list2.items : [];
    if (items.length === 0) r.errors.at(section.offset, "images: no images listed");
    for (const raw of items) {
      const item = r.deref(raw);
      const k = r.kind(item);
      if (k === "string" || k === "number") {
        push(readEntry(r, r.text(item) ?? "", r.offset(item), null, defaults));
      } else if (k === "map" && (0, import_yaml9.isMap)(item) && item.items.length === 1) {
        const [e] = r.entries(item, "images");
        if (e) push(readEntry(r, e.key, e.offset, e.value, defaults));
      } else {
        r.error(
          item,
          `images: a list item must be an image reference or one "source: target" pair, got ${r.describe(item)}`,
          section.offset
        );
      }
    }
  } else if (kind === "null") {
    r.errors.at(section.offset, "images: no images listed");
  } else {
    r.typeError(section, "images", "a map of source \u2192 target, or a list of sources");
  }
  return out;
}
function knownTargets(entry) {
  const f = entry.filter;
  if (!f)
    return entry.sourceRef.tag !== void 0 || targetHasTag(parseTarget(entry.target)) ? [targetFor(entry)] : [];
  if (f.semver !== void 0 || f.latest !== void 0 || !f.tags || !f.tags.every(isExactTag)) return [];
  const exclude = (f.exclude ?? []).map(compileTagPattern);
  return f.tags.filter((t) => !exclude.some((m) => m(t))).map((t) => targetFor(entry, t));
}
function checkDuplicateTargets(r, built) {
  const seen = /* @__PURE__ */ new Map();
  for (const b of built) {
    let targets;
    try {
      targets = [...new Set(knownTargets(b.entry))].map((full) => [full, targetKey(full)]);
    } catch (err) {
      r.errors.at(
        b.offset,
        `images."${b.entry.source}": the target for this source is invalid: ${errorText(err)}`
      );
      continue;
    }
    for (const [full, key3] of targets) {
      const first = seen.get(key3);
      if (!first) {
        seen.set(key3, b);
        continue;
      }
      const p = first.entry.position;
      const same = first === b ? "also from this entry" : `also the target of "${first.entry.source}"`;
      r.errors.at(
        b.offset,
        `images."${b.entry.source}": target "${full}" is ${same} (line ${p.line}, column ${p.col})`
      );
    }
    const src = b.entry.sourceRef;
    if (!b.entry.filter && src.tag !== void 0 && !transportOf(b.entry.target)) {
      const self2 = `docker://${src.registry}/${src.repository}:${src.tag}`;
      if (targetKey(targetFor(b.entry)) === self2) {
        r.errors.at(b.offset, `images."${b.entry.source}": the target is the source itself`);
      }
    }
  }
}

// src/config/load.ts
function tooLarge(file, bytes) {
  const mib = (bytes / 1024 / 1024).toFixed(1);
  return new ConfigErrors([
    new ConfigError(
      file,
      1,
      1,
      `config is ${mib} MiB, over the ${MAX_CONFIG_BYTES / 1024 / 1024} MiB limit; split it into several configs`
    )
  ]);
}
function parseConfig(text, file) {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_CONFIG_BYTES) throw tooLarge(file, bytes);
  const body = text.charCodeAt(0) === 65279 ? text.slice(1) : text;
  const lines = new import_yaml10.LineCounter();
  const errors = new ErrorCollector(file, lines);
  const doc = (0, import_yaml10.parseDocument)(body, {
    lineCounter: lines,
    uniqueKeys: false,
    prettyErrors: false,
    schema: "core"
  });
  for (const e of [...doc.errors, ...doc.warnings]) {
    errors.at(e.pos[0], `YAML: ${e.message.split("\n")[0]}`);
  }
  errors.throwIfAny();
  checkExpansion(doc, errors);
  errors.throwIfAny();
  const config = validateDocument(doc, errors, file);
  errors.throwIfAny();
  if (!config) throw new ConfigErrors([new ConfigError(file, 1, 1, "config could not be read")]);
  return config;
}
async function loadConfig(file) {
  let text;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new Error("it is a directory");
    if (info.size > MAX_CONFIG_BYTES) throw tooLarge(file, info.size);
    text = await readFile2(file, "utf8");
  } catch (err) {
    if (err instanceof ConfigErrors) throw err;
    const code2 = err.code;
    const why = code2 === "ENOENT" ? "no such file" : err instanceof Error ? err.message : String(err);
    throw new ConfigErrors([
      new ConfigError(file, 1, 1, `cannot read the config file: ${why}`, { cause: err })
    ]);
  }
  return parseConfig(text, file);
}

// src/transports/docker.ts
async function sided(side, p) {
  try {
    return await p;
  } catch (e) {
    if (e instanceof RegistryError && e.side === void 0) e.side = side;
    throw e;
  }
}
function openDockerSource(ref, client) {
  const registry = registryKey(ref.registry);
  const repository = ref.repository;
  return {
    name: `docker://${formatReference(ref)}`,
    location: { registry, repository },
    async resolve() {
      const d = await sided("source", client.manifestHead(ref));
      if (!d) {
        throw new RegistryError(`not found: ${formatReference(ref)}`, {
          method: "HEAD",
          url: "",
          status: 404,
          codes: ["MANIFEST_UNKNOWN"],
          side: "source"
        });
      }
      return d;
    },
    async getManifest(digest) {
      const r = digest ? { registry, repository, digest } : ref;
      return sided("source", client.manifestGet(r));
    },
    async getBlob(desc) {
      const stream = await sided("source", client.blobGet(registry, repository, desc));
      stream.prependListener("error", (e) => {
        if (e instanceof RegistryError && e.side === void 0) e.side = "source";
      });
      return stream;
    },
    async referrers(digest) {
      return sided("source", client.referrers(registry, repository, digest));
    },
    /**
     * Tags like `sha256-<hex>.sig`, `.att`, `.sbom` (cosign's tag scheme) for this digest. The
     * client lists a repository once per run, however many of its images are copied.
     */
    async fallbackTags(digest) {
      const prefix = `${digest.replace(":", "-")}.`;
      return (await sided("source", client.tagList(registry, repository))).filter((t) => t.startsWith(prefix));
    },
    /** HEAD of `tag` in the source repository (no Docker Hub pull is counted). */
    async resolveTag(tag) {
      return sided("source", client.manifestHead({ registry, repository, tag }));
    },
    async close() {
    }
  };
}
function openDockerDestination(ref, client) {
  const registry = registryKey(ref.registry);
  const repository = ref.repository;
  client.willPush(registry, repository);
  return {
    name: `docker://${formatReference(ref)}`,
    location: { registry, repository },
    capabilities: DESTINATION_CAPABILITIES.docker,
    async hasBlob(desc) {
      try {
        const size = await sided("destination", client.blobHead(registry, repository, desc.digest));
        return size !== void 0;
      } catch (e) {
        if (statusOf(e) === 401 || statusOf(e) === 403) return false;
        throw e;
      }
    },
    async mountBlob(desc, from) {
      if (registryKey(from.registry) !== registry || from.repository === repository) return false;
      return sided("destination", client.blobMount(registry, repository, desc.digest, from.repository));
    },
    async putBlob(desc, body) {
      await sided("destination", client.blobUpload(registry, repository, desc, body));
    },
    async resolveTag(tag) {
      return sided("destination", client.manifestHead({ registry, repository, tag }));
    },
    async hasManifest(digest) {
      return await sided("destination", client.manifestHead({ registry, repository, digest })) !== void 0;
    },
    async putManifest(manifest, tag) {
      const r = tag ? { registry, repository, tag } : { registry, repository, digest: manifest.digest };
      await sided("destination", client.manifestPut(r, manifest));
    },
    async close() {
    }
  };
}

// src/transports/cleanup.ts
import { existsSync as existsSync2, readdirSync, readFileSync as readFileSync3, rmdirSync, rmSync } from "node:fs";
import path from "node:path";
function destinationExists(t) {
  return t.transport === "oci" && t.dir !== void 0 ? existsSync2(t.dir) : true;
}
function namesNoImage(dir) {
  try {
    const index = JSON.parse(readFileSync3(path.join(dir, "index.json"), "utf8"));
    return !Array.isArray(index.manifests) || index.manifests.length === 0;
  } catch {
    return true;
  }
}
function cleanUpFailedCopy(t, existedBefore) {
  const dir = t.transport === "oci" ? t.dir : void 0;
  if (dir === void 0) return void 0;
  const ingest = path.join(dir, "ingest");
  let mine = [];
  try {
    mine = readdirSync(ingest).filter((n) => n.startsWith(`.tmp-${process.pid}-`));
  } catch {
  }
  for (const n of mine) rmSync(path.join(ingest, n), { force: true });
  if (!existedBefore && existsSync2(dir) && namesNoImage(dir)) {
    rmSync(dir, { recursive: true, force: true });
    return `removed ${dir}: the layout this copy created names no image`;
  }
  try {
    rmdirSync(ingest);
  } catch {
  }
  return mine.length ? `removed ${mine.length} unfinished blob file(s) from ${ingest}` : void 0;
}

// src/transports/index.ts
var UNSUPPORTED = ["docker-daemon", "containers-storage", "oci-archive", "ostree", "sif", "tarball"];
function splitPathAndRef(rest) {
  const skip = process.platform === "win32" && /^[A-Za-z]:[\\/]/.test(rest) ? 2 : 0;
  const i = rest.indexOf(":", skip);
  return i < 0 ? [rest, void 0] : [rest.slice(0, i), rest.slice(i + 1)];
}
function parseTransportRef(s) {
  if (typeof s !== "string" || s.trim() === "") throw new Error("empty image reference");
  if (s.startsWith("docker://"))
    return { transport: "docker", ref: parseReference(s.slice("docker://".length)) };
  const m = /^([a-z][a-z0-9-]*):(.*)$/s.exec(s);
  const transport = m?.[1];
  const rest = m?.[2] ?? "";
  switch (transport) {
    case "oci": {
      const [dir, ref] = splitPathAndRef(rest);
      if (dir === "") throw new Error(`${s}: oci: needs a directory (oci:DIR[:REF])`);
      if (ref === void 0) return { transport: "oci", dir };
      return { transport: "oci", dir, ref: validateOciRefName(ref, s) };
    }
    case "docker-archive": {
      const [file, ref] = splitPathAndRef(rest);
      if (file === "") throw new Error(`${s}: docker-archive: needs a file (docker-archive:FILE[:NAME:TAG])`);
      if (ref === void 0) return { transport: "docker-archive", file };
      if (!/^@\d+$/.test(ref)) parseArchiveName(ref, s);
      return { transport: "docker-archive", file, ref };
    }
    case "dir":
      if (rest === "") throw new Error(`${s}: dir: needs a directory (dir:DIR)`);
      return { transport: "dir", dir: rest };
    default:
      if (transport && UNSUPPORTED.includes(transport)) {
        throw new Error(
          `${s}: the ${transport}: transport is not supported (use docker://, oci:, docker-archive: or dir:)`
        );
      }
      return { transport: "docker", ref: parseReference(s) };
  }
}
function formatTransportRef(t) {
  switch (t.transport) {
    case "docker":
      return `docker://${formatReference(t.ref)}`;
    case "oci":
      return `oci:${t.dir}${t.ref !== void 0 ? `:${t.ref}` : ""}`;
    case "docker-archive":
      return `docker-archive:${t.file}${t.ref !== void 0 ? `:${t.ref}` : ""}`;
    case "dir":
      return `dir:${t.dir}`;
  }
}
function destinationCapabilities(t) {
  return DESTINATION_CAPABILITIES[t.transport];
}
async function lookUpTag(t, tag, ctx) {
  switch (t.transport) {
    case "docker": {
      const desc = await ctx.client.manifestHead(t.ref);
      if (!desc) return null;
      return { digest: desc.digest || (await ctx.client.manifestGet(t.ref)).digest };
    }
    case "oci": {
      if (tag === void 0) return void 0;
      const { readIndex, refNameOf } = await import("./oci-layout-SYWEXPG3.js");
      const hit = (await readIndex(t.dir))?.manifests.find((d) => refNameOf(d) === tag);
      return hit ? { digest: hit.digest } : null;
    }
    default:
      return void 0;
  }
}
async function openSource(t, ctx) {
  switch (t.transport) {
    case "docker":
      if (!ctx.client) throw new Error(`${formatTransportRef(t)}: no registry client to read it with`);
      return openDockerSource(t.ref, ctx.client);
    case "oci":
      return (await import("./oci-layout-SYWEXPG3.js")).openOciSource(t.dir, t.ref);
    case "docker-archive":
      return (await import("./docker-archive-4VD7XFLR.js")).openDockerArchiveSource(t.file, t.ref, ctx.platform);
    case "dir":
      return (await import("./dir-A5WA64DQ.js")).openDirSource(t.dir);
  }
}
async function openDestination(t, ctx) {
  switch (t.transport) {
    case "docker":
      return openDockerDestination(t.ref, ctx.client);
    case "oci":
      return (await import("./oci-layout-SYWEXPG3.js")).openOciDestination(t.dir, t.ref);
    case "docker-archive":
      return (await import("./docker-archive-4VD7XFLR.js")).openDockerArchiveDestination(
        t.file,
        t.ref === void 0 || t.ref.startsWith("@") ? void 0 : t.ref
      );
    case "dir":
      return (await import("./dir-A5WA64DQ.js")).openDirDestination(t.dir);
  }
}

// src/sync/shard.ts
import { createHash as createHash4 } from "node:crypto";
function parseShard(s) {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(s);
  if (!m) throw new Error(`invalid shard '${s}': expected i/n, e.g. 1/4`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) {
    throw new Error(`invalid shard '${s}': need 1 <= i <= n`);
  }
  return { index, count };
}
function hashHex(key3) {
  return createHash4("sha256").update(key3, "utf8").digest("hex");
}
function assignShards(weights, count) {
  if (!Number.isInteger(count) || count < 1) throw new Error(`shard count must be a positive integer`);
  const keys = [...weights.keys()].map((k) => ({ k, w: Math.max(0, weights.get(k) ?? 0), h: hashHex(k) }));
  keys.sort((a, b) => b.w - a.w || (a.h < b.h ? -1 : a.h > b.h ? 1 : a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const load = new Array(count).fill(0);
  const size = new Array(count).fill(0);
  const out = /* @__PURE__ */ new Map();
  for (const { k, w } of keys) {
    let best = 0;
    for (let i = 1; i < count; i++) {
      if (load[i] < load[best] || load[i] === load[best] && size[i] < size[best]) best = i;
    }
    load[best] += w;
    size[best]++;
    out.set(k, best + 1);
  }
  return out;
}
function selectShard(items, shard, keyOf3) {
  if (!shard || shard.count === 1) return items;
  const weights = /* @__PURE__ */ new Map();
  for (const it of items) {
    const k = keyOf3(it);
    weights.set(k, (weights.get(k) ?? 0) + 1);
  }
  const where = assignShards(weights, shard.count);
  return items.filter((it) => where.get(keyOf3(it)) === shard.index);
}

// src/sync/report.ts
var IMAGE_STATUSES = [
  "copied",
  "skipped",
  "failed",
  "planned",
  "deferred",
  "drifted",
  "waiting",
  "pruned",
  "prune-planned",
  "kept",
  "prune-refused"
];
function computeTotals(images) {
  const totals = {
    copied: 0,
    skipped: 0,
    failed: 0,
    planned: 0,
    deferred: 0,
    drifted: 0,
    waiting: 0,
    pruned: 0,
    "prune-planned": 0,
    kept: 0,
    "prune-refused": 0,
    bytes: 0
  };
  for (const im of images) {
    totals[im.status]++;
    totals.bytes += im.bytes;
  }
  return totals;
}
function errorMessage(error) {
  const parts = [];
  for (let e = error; e !== void 0 && parts.length < 4; e = e.cause) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg && !parts.some((p) => p.includes(msg))) parts.push(msg);
    if (!(e instanceof Error)) break;
  }
  const text = redactText(parts.join(": ") || "unknown error").replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 REDACTED").replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, "$1REDACTED@");
  return text.length > 1e3 ? `${text.slice(0, 997)}...` : text;
}
function exitCodeFor(report2) {
  return report2.images.some((i) => i.status === "failed") ? 1 : 0;
}

// src/sync/state.ts
import { randomBytes } from "node:crypto";
import { mkdir, readFile as readFile3, rename, rm, writeFile } from "node:fs/promises";
import { dirname as dirname3 } from "node:path";

// src/sync/seen.ts
var DIGEST2 = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
var keyOf = (source, target) => `${source}\u2192${target}`;
function valid(e) {
  if (!e || typeof e !== "object") return false;
  const o = e;
  return typeof o.source === "string" && typeof o.target === "string" && typeof o.sourceDigest === "string" && DIGEST2.test(o.sourceDigest) && typeof o.at === "string" && !Number.isNaN(Date.parse(o.at)) && (o.config === void 0 || typeof o.config === "string");
}
var SeenLog = class {
  records = /* @__PURE__ */ new Map();
  /** Changed since load or save: the record written, or null for removed (replayed by `mergeOnto`). */
  touched = /* @__PURE__ */ new Map();
  /** Reads the file's `seen` object; returns how many records were malformed (dropped). */
  absorb(raw) {
    if (raw === void 0) return 0;
    if (!raw || typeof raw !== "object") return 1;
    let dropped = 0;
    for (const e of Object.values(raw)) {
      if (valid(e)) this.records.set(keyOf(e.source, e.target), { ...e });
      else dropped++;
    }
    return dropped;
  }
  get size() {
    return this.records.size;
  }
  /**
   * When `sourceDigest` was first seen for source → target; records `now` (returning it) when there
   * is no record or the record is for another digest (a moved tag starts its cooldown again).
   */
  firstSeen(source, target, sourceDigest, now, config) {
    const key3 = keyOf(source, target);
    const r = this.records.get(key3);
    if (r && r.sourceDigest === sourceDigest) return new Date(r.at);
    const rec = { source, target, sourceDigest, at: now.toISOString() };
    if (config !== void 0) rec.config = config;
    this.records.set(key3, rec);
    this.touched.set(key3, rec);
    return now;
  }
  /** True when a record went. */
  forget(source, target) {
    const key3 = keyOf(source, target);
    if (!this.records.has(key3)) return false;
    this.records.delete(key3);
    this.touched.set(key3, null);
    return true;
  }
  /** Removes the records `owns` allows and `keep` rejects; returns how many went. */
  prune(owns, keep) {
    let n = 0;
    for (const r of [...this.records.values()]) {
      if (owns(r) && !keep(r) && this.forget(r.source, r.target)) n++;
    }
    return n;
  }
  list() {
    return [...this.records.values()];
  }
  /** Sorted, for a stable file; undefined when empty, so files without cooldowns do not change shape. */
  toJSON() {
    if (this.records.size === 0) return void 0;
    const out = {};
    for (const k of [...this.records.keys()].sort()) out[k] = this.records.get(k);
    return out;
  }
  /** This log's changes replayed onto `current` (the file as it is now); `current` is changed. */
  mergeOnto(current) {
    for (const [key3, r] of this.touched) {
      if (r === null) current.records.delete(key3);
      else current.records.set(key3, r);
    }
    return current;
  }
  /** After a save: `merged` is what the file now holds. */
  saved(merged) {
    this.records = merged.records;
    this.touched.clear();
  }
};

// src/sync/verdicts.ts
var VERDICT_TTL_DAYS = 7;
var MAX_VERDICTS = 5e3;
var keyOf2 = (image, policy) => `${image}#${policy}`;
function valid2(e) {
  if (!e || typeof e !== "object") return false;
  const o = e;
  const at = typeof o.at === "string" ? Date.parse(o.at) : NaN;
  return typeof o.image === "string" && DIGEST2.test(o.image.slice(o.image.lastIndexOf("@") + 1)) && typeof o.policy === "string" && /^[0-9a-f]{64}$/.test(o.policy) && typeof o.by === "string" && !Number.isNaN(at);
}
var VerdictLog = class {
  records = /* @__PURE__ */ new Map();
  touched = /* @__PURE__ */ new Map();
  /** Reads the file's `verdicts` object; returns how many records were malformed (dropped). */
  absorb(raw) {
    if (raw === void 0) return 0;
    if (!raw || typeof raw !== "object") return 1;
    let dropped = 0;
    for (const e of Object.values(raw)) {
      if (valid2(e)) this.records.set(keyOf2(e.image, e.policy), { ...e });
      else dropped++;
    }
    return dropped;
  }
  get dirty() {
    return this.touched.size > 0;
  }
  /** A fresh success for `image` under `policy`, or undefined. */
  get(image, policy, now) {
    const r = this.records.get(keyOf2(image, policy));
    return r && fresh(r, now) ? r : void 0;
  }
  record(image, policy, by, now) {
    const r = { image, policy, by, at: now.toISOString() };
    this.records.set(keyOf2(image, policy), r);
    this.touched.set(keyOf2(image, policy), r);
  }
  /** Sorted and bounded, for a stable file; undefined when empty (files without verification keep their shape). */
  toJSON(now = /* @__PURE__ */ new Date()) {
    const kept = [...this.records.entries()].filter(([, r]) => fresh(r, now)).sort((a, b) => Date.parse(b[1].at) - Date.parse(a[1].at)).slice(0, MAX_VERDICTS);
    if (kept.length === 0) return void 0;
    return Object.fromEntries(kept.sort((a, b) => a[0] < b[0] ? -1 : 1));
  }
  /** This log's new records replayed onto `current` (the file as it is now); `current` is changed. */
  mergeOnto(current) {
    for (const [key3, r] of this.touched) current.records.set(key3, r);
    return current;
  }
  /** After a save: `merged` is what the file now holds. */
  saved(merged) {
    this.records = merged.records;
    this.touched.clear();
  }
};
function fresh(r, now) {
  const age = now.getTime() - Date.parse(r.at);
  return age >= -6e4 && age < VERDICT_TTL_DAYS * 864e5;
}

// src/sync/state-file.ts
var STATE_VERSION = 1;
function stateKey(source, sourceDigest, target) {
  return `${source}@${sourceDigest}\u2192${target}`;
}
function validEntry(e) {
  if (!e || typeof e !== "object") return false;
  const o = e;
  return typeof o.source === "string" && typeof o.target === "string" && typeof o.sourceDigest === "string" && DIGEST2.test(o.sourceDigest) && typeof o.digest === "string" && DIGEST2.test(o.digest) && typeof o.at === "string" && !Number.isNaN(Date.parse(o.at)) && (o.options === void 0 || typeof o.options === "string") && (o.config === void 0 || typeof o.config === "string");
}
function document(entries, seen, blobs, verdicts) {
  const out = {};
  for (const k of [...entries.keys()].sort()) out[k] = entries.get(k);
  const doc = { version: STATE_VERSION, entries: out };
  const s = seen.toJSON();
  if (s) doc.seen = s;
  const held2 = blobs.toJSON();
  if (Object.keys(held2).length) doc.blobs = held2;
  const v = verdicts.toJSON();
  if (v) doc.verdicts = v;
  return doc;
}

// src/sync/holders.ts
var MAX_BLOBS_PER_REGISTRY = 1e4;
var MAX_HOLDERS_PER_BLOB = 4;
var MAX_REGISTRIES = 64;
var DIGEST3 = /^sha256:[a-f0-9]{64}$|^sha512:[a-f0-9]{128}$/;
var REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
var REGISTRY = /^[a-z0-9.-]+(?::[0-9]{1,5})?$|^\[[0-9a-f:.]+\](?::[0-9]{1,5})?$/;
var key2 = (registry, digest, repository) => `${registry}
${digest}
${repository}`;
var BlobHolders = class {
  map = /* @__PURE__ */ new Map();
  /** What this run changed, replayed onto the file as it is at save: the time seen, or null for dropped. */
  touched = /* @__PURE__ */ new Map();
  get dirty() {
    return this.touched.size > 0;
  }
  /** Reads the `blobs` part of a state document; returns how many malformed items were dropped. */
  absorb(doc) {
    if (doc === void 0) return 0;
    if (!doc || typeof doc !== "object") return 1;
    let dropped = 0;
    for (const [registry, byDigest] of Object.entries(doc)) {
      if (!REGISTRY.test(registry) || !byDigest || typeof byDigest !== "object") {
        dropped++;
        continue;
      }
      for (const [digest, repos] of Object.entries(byDigest)) {
        if (!DIGEST3.test(digest) || !repos || typeof repos !== "object") {
          dropped++;
          continue;
        }
        for (const [repository, at] of Object.entries(repos)) {
          if (REPOSITORY.test(repository) && typeof at === "string" && !Number.isNaN(Date.parse(at)))
            this.put(registry, digest, repository, at);
          else dropped++;
        }
      }
    }
    this.bound();
    return dropped;
  }
  candidates(registry, digest) {
    const repos = this.map.get(registry)?.get(digest);
    if (!repos) return [];
    return [...repos.entries()].sort((a, b) => a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0).map(([r]) => r);
  }
  stale(registry, repository, digest) {
    const repos = this.map.get(registry)?.get(digest);
    if (!repos?.delete(repository)) return;
    if (!repos.size) this.map.get(registry).delete(digest);
    this.touched.set(key2(registry, digest, repository), null);
  }
  held(registry, repository, digest) {
    if (!DIGEST3.test(digest) || !REPOSITORY.test(repository)) return;
    const at = (/* @__PURE__ */ new Date()).toISOString();
    this.put(registry, digest, repository, at);
    this.touched.set(key2(registry, digest, repository), at);
  }
  put(registry, digest, repository, at) {
    let byDigest = this.map.get(registry);
    if (!byDigest) this.map.set(registry, byDigest = /* @__PURE__ */ new Map());
    let repos = byDigest.get(digest);
    if (!repos) byDigest.set(digest, repos = /* @__PURE__ */ new Map());
    const old = repos.get(repository);
    if (old === void 0 || old < at) repos.set(repository, at);
  }
  /** This run's changes replayed onto `current` (the file as it is now), which is returned. */
  mergedOnto(current) {
    for (const [k, at] of this.touched) {
      const [registry, digest, repository] = k.split("\n");
      if (at === null) current.stale(registry, repository, digest);
      else current.put(registry, digest, repository, at);
    }
    current.touched.clear();
    return current;
  }
  /** Keeps only repositories `keep` accepts (those some state entry still targets), then the caps. */
  retain(keep) {
    for (const [registry, byDigest] of this.map) {
      for (const [digest, repos] of byDigest) {
        for (const repo of repos.keys()) if (!keep(registry, repo)) repos.delete(repo);
        if (!repos.size) byDigest.delete(digest);
      }
      if (!byDigest.size) this.map.delete(registry);
    }
    this.bound();
  }
  bound() {
    const newest = (repos) => [...repos.values()].reduce((a, b) => a > b ? a : b, "");
    for (const byDigest of this.map.values()) {
      for (const repos of byDigest.values()) {
        if (repos.size <= MAX_HOLDERS_PER_BLOB) continue;
        const keep = [...repos.entries()].sort((a, b) => a[1] < b[1] ? 1 : -1).slice(0, MAX_HOLDERS_PER_BLOB);
        repos.clear();
        for (const [r, at] of keep) repos.set(r, at);
      }
      if (byDigest.size <= MAX_BLOBS_PER_REGISTRY) continue;
      const order2 = [...byDigest.entries()].sort((a, b) => newest(a[1]) < newest(b[1]) ? 1 : -1);
      for (const [digest] of order2.slice(MAX_BLOBS_PER_REGISTRY)) byDigest.delete(digest);
    }
    if (this.map.size > MAX_REGISTRIES) {
      const order2 = [...this.map.entries()].sort((a, b) => b[1].size - a[1].size);
      for (const [registry] of order2.slice(MAX_REGISTRIES)) this.map.delete(registry);
    }
  }
  toJSON() {
    const out = {};
    for (const registry of [...this.map.keys()].sort()) {
      const byDigest = this.map.get(registry);
      const d = out[registry] = {};
      for (const digest of [...byDigest.keys()].sort()) {
        const repos = byDigest.get(digest);
        d[digest] = Object.fromEntries([...repos.keys()].sort().map((r) => [r, repos.get(r)]));
      }
    }
    return out;
  }
};
function targetedBy(targets) {
  const repos = /* @__PURE__ */ new Set();
  for (const t of targets) {
    try {
      const r = parseTransportRef(t);
      if (r.transport === "docker") repos.add(`${registryKey(r.ref.registry)}
${r.ref.repository}`);
    } catch {
    }
  }
  return (registry, repository) => repos.has(`${registry}
${repository}`);
}

// src/sync/state-index.ts
var pairKey = (source, target) => `${source}
${target}`;
function addTo(index, k, key3) {
  let set = index.get(k);
  if (!set) index.set(k, set = /* @__PURE__ */ new Set());
  set.add(key3);
}
function removeFrom(index, k, key3) {
  const set = index.get(k);
  if (!set) return;
  set.delete(key3);
  if (set.size === 0) index.delete(k);
}
var IndexedEntries = class _IndexedEntries extends Map {
  // Fields initialise after super(): Map's constructor is never given entries (it would call set).
  byPair = /* @__PURE__ */ new Map();
  byTarget = /* @__PURE__ */ new Map();
  static of(entries) {
    const m = new _IndexedEntries();
    for (const [k, e] of entries) m.set(k, e);
    return m;
  }
  set(key3, e) {
    const old = super.get(key3);
    if (old) this.unindex(key3, old);
    super.set(key3, e);
    addTo(this.byPair, pairKey(e.source, e.target), key3);
    addTo(this.byTarget, e.target, key3);
    return this;
  }
  delete(key3) {
    const old = super.get(key3);
    if (!old) return false;
    this.unindex(key3, old);
    return super.delete(key3);
  }
  clear() {
    super.clear();
    this.byPair.clear();
    this.byTarget.clear();
  }
  unindex(key3, e) {
    removeFrom(this.byPair, pairKey(e.source, e.target), key3);
    removeFrom(this.byTarget, e.target, key3);
  }
  /** The keys of every entry for source → target (any source digest). */
  pairKeys(source, target) {
    return [...this.byPair.get(pairKey(source, target)) ?? []];
  }
  newest(keys) {
    let best;
    for (const k of keys ?? []) {
      const e = super.get(k);
      if (!best || e.at > best.at) best = e;
    }
    return best;
  }
  /** The newest entry for source → target whatever the source digest. */
  latest(source, target) {
    return this.newest(this.byPair.get(pairKey(source, target)));
  }
  /** The newest entry for `target` whatever its source. */
  lastWritten(target) {
    return this.newest(this.byTarget.get(target));
  }
};

// src/sync/state.ts
var StateStore = class _StateStore {
  entries = new IndexedEntries();
  seen = new SeenLog();
  holders = new BlobHolders();
  verdictLog = new VerdictLog();
  /** What this store changed since load or save, by key: the entry written, or null for removed. */
  touched = /* @__PURE__ */ new Map();
  /** Problems met while loading (corrupt file, unknown version, dropped entries). */
  warnings = [];
  changed = false;
  owner;
  /** Some entry names another config: entries without a `config` are then nobody's to remove. */
  shared = false;
  constructor(opts = {}) {
    this.owner = opts.owner;
  }
  static empty(opts = {}) {
    return new _StateStore(opts);
  }
  /** Never throws for a missing or unreadable state: a lost cache only costs target HEADs. */
  static async load(file, opts = {}) {
    const store = new _StateStore(opts);
    let text;
    try {
      text = await readFile3(file, "utf8");
    } catch (error) {
      const code2 = error.code;
      if (code2 !== "ENOENT")
        store.warnings.push(`${file}: cannot read the state (${code2 ?? error}); starting empty`);
      return store;
    }
    store.absorb(text, file);
    return store;
  }
  /** Parses a state document; bad parts are dropped with a warning. */
  static fromJSON(text, file = "state") {
    const store = new _StateStore();
    store.absorb(text, file);
    return store;
  }
  absorb(text, file) {
    let doc;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      this.warnings.push(`${file}: the state is not valid JSON (${error.message}); starting empty`);
      return;
    }
    const d = doc;
    if (!d || typeof d !== "object" || typeof d.entries !== "object" || d.entries === null) {
      this.warnings.push(`${file}: the state has no entries object; starting empty`);
      return;
    }
    if (d.version !== STATE_VERSION) {
      this.warnings.push(
        `${file}: state version ${String(d.version)} is not ${STATE_VERSION}; starting empty`
      );
      return;
    }
    let dropped = 0;
    for (const e of Object.values(d.entries)) {
      if (validEntry(e)) this.entries.set(stateKey(e.source, e.sourceDigest, e.target), { ...e });
      else dropped++;
    }
    dropped += this.seen.absorb(d.seen);
    dropped += this.verdictLog.absorb(d.verdicts);
    if (dropped) this.warnings.push(`${file}: dropped ${dropped} malformed state entries`);
    const badBlobs = this.holders.absorb(d.blobs);
    if (badBlobs) this.warnings.push(`${file}: dropped ${badBlobs} malformed blob locations`);
    this.noteOwners();
  }
  noteOwners() {
    this.shared = [...this.entries.values()].some((e) => e.config !== void 0 && e.config !== this.owner);
  }
  /**
   * Whether this store's config may remove `e`: it wrote it, or `e` predates owners and no other
   * config has entries in the file (the file most likely has always been this config's alone; if
   * not, the other config only loses cache hits, paid for with one target HEAD per image).
   */
  owns(e) {
    return e.config === this.owner || e.config === void 0 && !this.shared;
  }
  get size() {
    return this.entries.size;
  }
  /** True once set/delete/prune (or a blob placed by a copy) changed something since load. */
  get dirty() {
    return this.changed || this.holders.dirty || this.verdictLog.dirty;
  }
  /** Signatures that verified, by source digest and policy (verdicts.ts). */
  get verdicts() {
    return this.verdictLog;
  }
  /** Blob locations for the copy engine: mount sources before uploads, kept up to date by it. */
  get blobs() {
    return this.holders;
  }
  get(source, sourceDigest, target) {
    return this.entries.get(stateKey(source, sourceDigest, target));
  }
  /** The newest entry for source → target whatever the source digest: tells "changed" from "new". */
  latest(source, target) {
    return this.entries.latest(source, target);
  }
  /** The newest entry for `target` whatever its source: what the mirror last wrote to that tag. */
  lastWritten(target) {
    return this.entries.lastWritten(target);
  }
  /** When `sourceDigest` was first seen for source → target (recorded now if never): see seen.ts. */
  firstSeen(source, target, sourceDigest, now) {
    const at = this.seen.firstSeen(source, target, sourceDigest, now, this.owner);
    if (at === now) this.changed = true;
    return at;
  }
  set(e) {
    const at = e.at === void 0 ? (/* @__PURE__ */ new Date()).toISOString() : typeof e.at === "string" ? e.at : e.at.toISOString();
    const entry = { ...e, at };
    if (entry.options === void 0) delete entry.options;
    if (entry.config === void 0 && this.owner !== void 0) entry.config = this.owner;
    if (entry.config === void 0) delete entry.config;
    for (const k of this.entries.pairKeys(e.source, e.target)) this.remove(k);
    this.seen.forget(e.source, e.target);
    const key3 = stateKey(e.source, e.sourceDigest, e.target);
    this.entries.set(key3, entry);
    this.touched.set(key3, entry);
    this.changed = true;
    return entry;
  }
  delete(source, sourceDigest, target) {
    const key3 = stateKey(source, sourceDigest, target);
    if (!this.entries.has(key3)) return false;
    this.remove(key3);
    this.changed = true;
    return true;
  }
  remove(key3) {
    this.entries.delete(key3);
    this.touched.set(key3, null);
  }
  /**
   * Drops the entries this store owns (see `owns`) that `keep` rejects; returns how many went.
   * Entries of other configs are never offered to `keep`. An entry without an owner that is kept
   * gets this store's owner, so it stays this config's once another config shares the file.
   */
  prune(opts) {
    let n = 0;
    for (const [k, e] of this.entries) {
      if (!this.owns(e)) continue;
      if (!opts.keep(e)) {
        this.remove(k);
        n++;
      } else if (e.config === void 0 && this.owner !== void 0) {
        const claimed = { ...e, config: this.owner };
        this.entries.set(k, claimed);
        this.touched.set(k, claimed);
        this.changed = true;
      }
    }
    n += this.seen.prune((r) => this.owns(r), opts.keep);
    if (n) this.changed = true;
    return n;
  }
  list() {
    return [...this.entries.values()];
  }
  toJSON() {
    return document(this.entries, this.seen, this.holders, this.verdictLog);
  }
  /**
   * This store's changes replayed onto `current` (the file as it is now): what this run wrote or
   * removed wins, everything else in `current` stays.
   */
  mergedOnto(current) {
    const merged = current.entries;
    for (const [key3, e] of this.touched) {
      if (e === null) {
        merged.delete(key3);
        continue;
      }
      for (const k of merged.pairKeys(e.source, e.target)) merged.delete(k);
      merged.set(key3, e);
    }
    return merged;
  }
  /**
   * Merges into the file under `file.lock` (so runs sharing the file never drop each other's
   * entries), then writes atomically: a crash mid-write leaves the previous file, never half a
   * JSON document.
   */
  async save(file) {
    const fail2 = (error) => new Error(`cannot save the state to ${file}: ${error.message}`, { cause: error });
    let release;
    try {
      await mkdir(dirname3(file), { recursive: true });
      release = await acquireFileLock(`${file}.lock`);
    } catch (error) {
      throw fail2(error);
    }
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      const current = await _StateStore.load(file);
      const merged = this.mergedOnto(current);
      const seen = this.seen.mergeOnto(current.seen);
      const verdicts = this.verdictLog.mergeOnto(current.verdictLog);
      const holders = this.holders.mergedOnto(current.holders);
      holders.retain(targetedBy([...merged.values()].map((e) => e.target)));
      await writeFile(tmp, JSON.stringify(document(merged, seen, holders, verdicts), null, 2) + "\n", {
        mode: 420
      });
      await rename(tmp, file);
      this.entries = merged;
      this.holders = holders;
      this.touched.clear();
      this.seen.saved(seen);
      this.verdictLog.saved(verdicts);
      this.noteOwners();
    } catch (error) {
      await rm(tmp, { force: true });
      throw fail2(error);
    } finally {
      await release();
    }
    this.changed = false;
  }
};

// src/sync/lock.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { mkdir as mkdir2, readFile as readFile4, rename as rename2, rm as rm2, writeFile as writeFile2 } from "node:fs/promises";
import { dirname as dirname4 } from "node:path";

// src/sync/decide.ts
function stateVerdict(p) {
  if (!p.state || p.state.options !== p.options) return "miss";
  if (p.verify) return "verify";
  if (p.maxAgeDays !== void 0 && p.now.getTime() - Date.parse(p.state.at) > p.maxAgeDays * 864e5) {
    return "verify";
  }
  return "trust";
}
function decide(p) {
  const d = decideCopy(p);
  if (d.action !== "copy" || !p.target || !p.overwrite || p.overwrite === "always") return d;
  const drifted = p.written !== void 0 && (!p.ours || p.written.digest !== p.target.digest);
  if (drifted) return { action: "hold", change: d.change, held: "drifted" };
  if (p.overwrite === "never") return { action: "hold", change: d.change, held: "never" };
  return d;
}
function decideCopy(p) {
  if (p.verdict === "trust") return { action: "skip", change: "unchanged" };
  if (p.target === void 0) {
    if (p.checkTargets) return { action: "check-target" };
    if (p.verdict === "verify") return { action: "skip", change: "unchanged" };
    return { action: "copy", change: p.previous ? "changed" : "unknown" };
  }
  if (p.target === null) return { action: "copy", change: "new" };
  const expected = p.verdict === "verify" ? p.state.digest : p.digestMayChange ? void 0 : p.sourceDigest;
  if (expected !== void 0) {
    if (p.target.digest === expected) return { action: "skip", change: "unchanged", record: expected };
    return { action: "copy", change: "changed" };
  }
  if (p.previous && p.previous.digest === p.target.digest) return { action: "copy", change: "changed" };
  return { action: "copy", change: "unknown" };
}
function cooldown(d, firstSeen, minAgeDays, now) {
  const eligible = firstSeen.getTime() + minAgeDays * 864e5;
  if (d.action !== "copy" || now.getTime() >= eligible) return d;
  return {
    action: "wait",
    change: d.change,
    firstSeen: firstSeen.toISOString(),
    eligibleAt: new Date(eligible).toISOString()
  };
}
function digestMayChange(o) {
  return o.platforms !== "all" || !o.keepAttestations || o.convertToDocker;
}
function optionsFingerprint(o) {
  if (!digestMayChange(o)) return void 0;
  const parts = [];
  if (o.platforms !== "all") parts.push(`platforms=${o.platforms.map(formatPlatform).sort().join(",")}`);
  if (!o.keepAttestations) parts.push("attestations=drop");
  if (o.convertToDocker) parts.push("convert=docker");
  return parts.join(";");
}

// src/sync/map-limit.ts
async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

// src/sync/plan.ts
var isDenied = (e) => e instanceof RegistryError && (e.status === 401 || e.status === 403);
async function lookTarget(item, ctx) {
  const t = item.targetRef;
  const host = t.transport === "docker" ? registryKey(t.ref.registry) : void 0;
  if (host !== void 0 && ctx.unchecked?.has(host)) return "unchecked";
  try {
    return await sided2("destination", lookUpTag(t, item.targetTag, { client: ctx.client }));
  } catch (e) {
    if (host === void 0 || !ctx.withoutCredentials || !isDenied(e) || !await ctx.withoutCredentials(host))
      throw e;
    ctx.unchecked?.add(host);
    return "unchecked";
  }
}
async function planImage(item, ctx) {
  const { entry } = item;
  const options = optionsFingerprint(entry);
  const p = { ...item, options };
  try {
    p.sourceDigest = item.sourceRef.digest ?? await sided2("source", resolveSource(item.sourceRef, ctx.client));
    const state = ctx.state?.get(item.source, p.sourceDigest, item.target);
    const written = ctx.state?.lastWritten(item.target);
    const args = {
      sourceDigest: p.sourceDigest,
      verdict: stateVerdict({
        state,
        options,
        verify: entry.verify,
        maxAgeDays: entry.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS,
        now: ctx.now
      }),
      state,
      previous: ctx.state?.latest(item.source, item.target),
      checkTargets: ctx.checkTargets,
      digestMayChange: digestMayChange(entry),
      overwrite: entry.overwrite,
      written,
      ours: written !== void 0 && ctx.state.owns(written)
    };
    let d = decide(args);
    if (d.action === "check-target") {
      const target = await lookTarget(item, ctx);
      if (target === "unchecked") {
        d = decide({ ...args, checkTargets: false });
      } else {
        p.targetDigest = target?.digest;
        p.targetLooked = target !== void 0;
        d = decide({ ...args, target: target ?? null });
      }
    }
    if (d.action === "copy" && entry.minAgeDays !== void 0) {
      const first = ctx.state?.firstSeen(item.source, item.target, p.sourceDigest, ctx.now) ?? ctx.now;
      d = cooldown(d, first, entry.minAgeDays, ctx.now);
    }
    p.decision = d;
  } catch (error) {
    p.error = error;
  }
  return p;
}
async function sided2(side, p) {
  try {
    return await p;
  } catch (e) {
    if (e instanceof RegistryError && e.side === void 0) {
      e.side = side;
      e.message = `${side} ${e.message}`;
    }
    throw e;
  }
}
async function resolveSource(ref, client) {
  const desc = await client.manifestHead(ref);
  if (!desc) throw new Error(`not found: ${formatReference(ref)} (manifest unknown at the source)`);
  if (desc.digest) return desc.digest;
  return (await client.manifestGet(ref)).digest;
}

// src/sync/expand.ts
var EmptyFilterError = class extends Error {
  name = "EmptyFilterError";
};
var TagListError = class extends Error {
  name = "TagListError";
  constructor(cause) {
    super("cannot list tags", { cause });
  }
};
var TagTargetError = class extends Error {
  constructor(tag, target, cause) {
    super(`${tag === void 0 ? "the image" : `tag "${tag}"`} cannot be written to ${target}`, { cause });
    this.tag = tag;
  }
  tag;
  name = "TagTargetError";
};
function targetRepository(t) {
  switch (t.transport) {
    case "docker":
      return `${t.ref.registry}/${t.ref.repository}`;
    case "oci":
      return `oci:${t.dir}`;
    case "docker-archive":
      return `docker-archive:${t.file}`;
    case "dir":
      return `dir:${t.dir}`;
  }
}
function entryRepository(e) {
  try {
    return targetRepository(parseTransportRef(e.target));
  } catch {
    return e.target;
  }
}
function targetTagOf(t) {
  if (t.transport === "docker") return t.ref.tag;
  if (t.transport === "oci" || t.transport === "docker-archive") return t.ref;
  return void 0;
}
async function expandEntries(config, ctx) {
  const entries = selectShard(config.images, ctx.shard, entryRepository);
  const failures = [];
  const perEntry = await mapLimit(entries, ctx.concurrency, async (entry) => {
    let tags;
    try {
      tags = await entryTags(entry, ctx.client, ctx.explain);
    } catch (error) {
      failures.push({ entry, source: entry.source, target: entry.target, error });
      return [];
    }
    const items = [];
    for (const tag of tags) {
      const item = planItem(entry, tag);
      if ("error" in item) failures.push(item);
      else items.push(item);
    }
    return items;
  });
  return { entries, items: perEntry.flat(), failures };
}
async function entryTags(entry, client, explain) {
  const ref = entry.sourceRef;
  if (ref.tag || ref.digest) {
    explain?.({ entry, listed: 0, verdicts: [] });
    return [ref.tag];
  }
  if (!entry.filter) throw new Error(`${entry.source}: no tag, digest or tag filter`);
  let listed;
  try {
    listed = await client.tagList(ref.registry, ref.repository);
  } catch (error) {
    throw new TagListError(error);
  }
  let tags;
  if (explain) {
    const x = explainTags(listed, entry.filter);
    explain({ entry, listed: listed.length, verdicts: x.verdicts });
    tags = x.kept;
  } else tags = selectTags(listed, entry.filter);
  if (tags.length === 0) {
    throw new EmptyFilterError(
      `the tag filter matches no tag of the source repository (${listed.length} tags listed)`
    );
  }
  return tags;
}
function planItem(entry, tag) {
  const sourceRef = { ...entry.sourceRef, tag: tag ?? entry.sourceRef.tag };
  const source = formatReference(sourceRef);
  let target = entry.target;
  try {
    target = targetFor(entry, tag ?? "");
    const targetRef = parseTransportRef(target);
    return { entry, source, sourceRef, target, targetRef, targetTag: targetTagOf(targetRef) };
  } catch (cause) {
    return { entry, source, target, error: new TagTargetError(tag, entry.target, cause) };
  }
}
function announcePlan(client, items, checkTargets) {
  const byRegistry = /* @__PURE__ */ new Map();
  const add = (registry, repository) => {
    let repos = byRegistry.get(registry);
    if (!repos) byRegistry.set(registry, repos = /* @__PURE__ */ new Set());
    repos.add(repository);
  };
  for (const item of items) {
    if (!item.sourceRef.digest) add(item.sourceRef.registry, item.sourceRef.repository);
    if (checkTargets && item.targetRef.transport === "docker")
      add(item.targetRef.ref.registry, item.targetRef.ref.repository);
  }
  for (const [registry, repos] of byRegistry) client.announceRepositories(registry, repos);
}

// src/sync/lock.ts
var LOCK_VERSION = 1;
var MAX_LOCK_BYTES = 64 * 1024 * 1024;
var order = (a, b) => a.target < b.target ? -1 : a.target > b.target ? 1 : a.source < b.source ? -1 : a.source > b.source ? 1 : 0;
function renderLock(entries) {
  const lines = [...entries].sort(order).map(
    (e) => JSON.stringify({ source: e.source, sourceDigest: e.sourceDigest, target: e.target, digest: e.digest })
  );
  const images = lines.length ? `[
    ${lines.join(",\n    ")}
  ]` : "[]";
  return `{
  "version": ${LOCK_VERSION},
  "images": ${images}
}
`;
}
function parseLock(text, file) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: the lock is not valid JSON (${error.message})`, { cause: error });
  }
  const d = doc;
  if (!d || typeof d !== "object" || !Array.isArray(d.images))
    throw new Error(`${file}: the lock has no images list`);
  if (d.version !== LOCK_VERSION)
    throw new Error(`${file}: lock version ${String(d.version)} is not ${LOCK_VERSION}`);
  return d.images.map((raw, i) => {
    const e = raw ?? {};
    const ok = typeof e.source === "string" && typeof e.target === "string" && typeof e.sourceDigest === "string" && DIGEST2.test(e.sourceDigest) && (e.digest === void 0 || typeof e.digest === "string" && DIGEST2.test(e.digest));
    if (!ok)
      throw new Error(`${file}: images[${i}] needs source, sourceDigest, target and an optional digest`);
    const out = {
      source: e.source,
      sourceDigest: e.sourceDigest,
      target: e.target
    };
    if (e.digest !== void 0) out.digest = e.digest;
    return out;
  });
}
async function readLock(file, opts = {}) {
  let text;
  try {
    const buf = await readFile4(file);
    if (buf.length > MAX_LOCK_BYTES) throw new Error(`larger than ${MAX_LOCK_BYTES} bytes`);
    text = buf.toString("utf8");
  } catch (error) {
    if (error.code === "ENOENT" && !opts.mustExist) return [];
    throw new Error(`cannot read the lock ${file}: ${error.message}`, { cause: error });
  }
  return parseLock(text, file);
}
async function writeLock(file, entries) {
  const tmp = `${file}.${process.pid}.${randomBytes2(4).toString("hex")}.tmp`;
  try {
    await mkdir2(dirname4(file), { recursive: true });
    await writeFile2(tmp, renderLock(entries));
    await rename2(tmp, file);
  } catch (error) {
    await rm2(tmp, { force: true });
    throw new Error(`cannot write the lock ${file}: ${error.message}`, { cause: error });
  }
}
function nextLock(previous, report2, complete2) {
  const before = new Map(previous.map((e) => [e.target, e]));
  const out = /* @__PURE__ */ new Map();
  for (const im of report2.images) {
    const old = before.get(im.target);
    const resolved = ["copied", "skipped", "planned"].includes(im.status) && im.sourceDigest;
    if (resolved) {
      const e = { source: im.source, sourceDigest: im.sourceDigest, target: im.target };
      const digest = im.digest ?? (old && old.sourceDigest === im.sourceDigest ? old.digest : void 0);
      if (digest) e.digest = digest;
      out.set(im.target, e);
    } else if (old) {
      out.set(im.target, old);
    }
  }
  if (!complete2) {
    for (const [t, e] of before) if (!out.has(t)) out.set(t, e);
  }
  return [...out.values()];
}
function lockedExpansion(config, lock, shard) {
  const entries = selectShard(config.images, shard, entryRepository);
  const mine = new Set(entries);
  const items = [];
  const failures = [];
  const warnings = [];
  const claimed = /* @__PURE__ */ new Set();
  for (const line of lock) {
    const match = claim(config, line);
    if (!match) {
      warnings.push(`lock: ${line.source} \u2192 ${line.target} belongs to no entry of the config; ignored`);
      continue;
    }
    claimed.add(match.entry);
    if (!mine.has(match.entry)) continue;
    items.push({
      ...match,
      source: line.source,
      sourceRef: { ...match.sourceRef, digest: line.sourceDigest }
    });
  }
  for (const entry of entries) {
    if (claimed.has(entry)) continue;
    const error = new Error("not in the lock file; run without --locked to resolve it and update the lock");
    failures.push({ entry, source: entry.source, target: entry.target, error });
  }
  return { entries, items, failures, warnings };
}
function claim(config, line) {
  let ref;
  try {
    ref = parseReference(line.source, { defaultTag: false });
  } catch {
    return void 0;
  }
  for (const entry of config.images) {
    const src = entry.sourceRef;
    if (src.registry !== ref.registry || src.repository !== ref.repository) continue;
    let tag;
    if (entry.filter) {
      if (ref.tag === void 0 || selectTags([ref.tag], entry.filter).length === 0) continue;
      tag = ref.tag;
    }
    const item = planItem(entry, tag);
    if (!("error" in item) && item.source === line.source && item.target === line.target) return item;
  }
  return void 0;
}

// src/copy/convert.ts
var LAYER_MAP = {
  [MediaType.OciLayerGzip]: MediaType.DockerLayer,
  [MediaType.DockerLayer]: MediaType.DockerLayer,
  [MediaType.OciLayerNondistributableGzip]: MediaType.DockerForeignLayer,
  [MediaType.DockerForeignLayer]: MediaType.DockerForeignLayer
};
var ConvertError = class extends Error {
};
function dockerDescriptor(d, mediaType) {
  const out = { mediaType, size: d.size, digest: d.digest };
  if (d.urls?.length) out.urls = d.urls;
  if (d.platform) out.platform = d.platform;
  return out;
}
function encode(obj2, mediaType) {
  const bytes = Buffer.from(JSON.stringify(obj2, null, 3));
  return { bytes, mediaType, digest: sha256Digest(bytes) };
}
function convertManifestToDocker(m) {
  if (m.mediaType === MediaType.DockerManifest) return m;
  if (m.mediaType !== MediaType.OciManifest) {
    throw new ConvertError(`cannot convert ${m.mediaType} to a Docker v2 schema 2 manifest`);
  }
  const json = JSON.parse(m.bytes.toString("utf8"));
  const config = json.config;
  if (!config || config.mediaType !== MediaType.OciConfig && config.mediaType !== MediaType.DockerConfig) {
    throw new ConvertError(
      `cannot convert ${m.digest} to Docker v2 schema 2: it is an artifact (config ${config?.mediaType ?? "missing"}), not an image`
    );
  }
  const layers = (json.layers ?? []).map((l) => {
    const mt = LAYER_MAP[l.mediaType];
    if (!mt) {
      throw new ConvertError(
        `cannot convert ${m.digest} to Docker v2 schema 2: layer ${l.digest} is ${l.mediaType}; only gzip layers can be expressed`
      );
    }
    return dockerDescriptor(l, mt);
  });
  return encode(
    {
      schemaVersion: 2,
      mediaType: MediaType.DockerManifest,
      config: dockerDescriptor(config, MediaType.DockerConfig),
      layers
    },
    MediaType.DockerManifest
  );
}
function checkIndexConvertible(digest, entries) {
  for (const d of entries) {
    if (isAttestationEntry(d)) {
      throw new ConvertError(
        `cannot convert ${digest} to a Docker manifest list: entry ${d.digest} is an attestation, which it cannot carry; drop attestations (keepAttestations: false / --drop-attestations)`
      );
    }
    if (d.mediaType === MediaType.OciIndex || d.mediaType === MediaType.DockerManifestList) {
      throw new ConvertError(
        `cannot convert ${digest} to a Docker manifest list: entry ${d.digest} is a nested index`
      );
    }
  }
}
function convertIndexToDocker(m, children) {
  if (m.mediaType !== MediaType.OciIndex && m.mediaType !== MediaType.DockerManifestList) {
    throw new ConvertError(`cannot convert ${m.mediaType} to a Docker manifest list`);
  }
  const json = JSON.parse(m.bytes.toString("utf8"));
  const entries = json.manifests ?? [];
  checkIndexConvertible(m.digest, entries);
  const manifests = entries.map((d) => {
    const child = children.get(d.digest);
    if (!child) throw new ConvertError(`index ${m.digest} entry ${d.digest} was not converted`);
    if (child.mediaType !== MediaType.DockerManifest) {
      throw new ConvertError(`cannot convert ${m.digest}: entry ${d.digest} is ${child.mediaType}`);
    }
    return dockerDescriptor(
      { ...d, digest: child.digest, size: child.bytes.length },
      MediaType.DockerManifest
    );
  });
  if (m.mediaType === MediaType.DockerManifestList && manifests.every((d, i) => d.digest === json.manifests?.[i].digest)) {
    return m;
  }
  return encode(
    { schemaVersion: 2, mediaType: MediaType.DockerManifestList, manifests },
    MediaType.DockerManifestList
  );
}

// src/copy/convert-oci.ts
var LAYER_MAP2 = {
  [MediaType.DockerLayer]: MediaType.OciLayerGzip,
  "application/vnd.docker.image.rootfs.diff.tar": MediaType.OciLayer,
  [MediaType.DockerForeignLayer]: MediaType.OciLayerNondistributableGzip
};
function ociType(d, what) {
  if (d.mediaType.startsWith("application/vnd.oci.")) return d.mediaType;
  const mt = LAYER_MAP2[d.mediaType];
  if (!mt) throw new ConvertError(`cannot convert ${what} to OCI: layer ${d.digest} is ${d.mediaType}`);
  return mt;
}
function ociDescriptor(d, mediaType) {
  const out = { mediaType, digest: d.digest, size: d.size };
  if (d.urls?.length) out.urls = d.urls;
  if (d.annotations) out.annotations = d.annotations;
  if (d.platform) out.platform = d.platform;
  return out;
}
function encode2(obj2, mediaType) {
  const bytes = Buffer.from(JSON.stringify(obj2));
  return { bytes, mediaType, digest: sha256Digest(bytes) };
}
function convertManifestToOci(m) {
  if (m.mediaType === MediaType.OciManifest) return m;
  if (m.mediaType !== MediaType.DockerManifest) {
    throw new ConvertError(`cannot convert ${m.mediaType} to an OCI image manifest`);
  }
  const json = JSON.parse(m.bytes.toString("utf8"));
  const config = json.config;
  if (!config || config.mediaType !== MediaType.DockerConfig) {
    throw new ConvertError(
      `cannot convert ${m.digest} to OCI: config ${config?.mediaType ?? "missing"} is not a Docker image config`
    );
  }
  return encode2(
    {
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: ociDescriptor(config, MediaType.OciConfig),
      layers: (json.layers ?? []).map((l) => ociDescriptor(l, ociType(l, m.digest)))
    },
    MediaType.OciManifest
  );
}
function convertIndexToOci(m, children) {
  if (m.mediaType !== MediaType.OciIndex && m.mediaType !== MediaType.DockerManifestList) {
    throw new ConvertError(`cannot convert ${m.mediaType} to an OCI index`);
  }
  const json = JSON.parse(m.bytes.toString("utf8"));
  const entries = json.manifests ?? [];
  const manifests = entries.map((d) => {
    const child = children.get(d.digest);
    if (!child) throw new ConvertError(`index ${m.digest} entry ${d.digest} was not converted`);
    return ociDescriptor({ ...d, digest: child.digest, size: child.bytes.length }, child.mediaType);
  });
  if (m.mediaType === MediaType.OciIndex && manifests.every((d, i) => d.digest === entries[i]?.digest)) {
    return m;
  }
  return encode2({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests }, MediaType.OciIndex);
}

// src/copy/engine.ts
import { setMaxListeners } from "node:events";

// src/copy/blobs.ts
import { Transform } from "node:stream";

// src/copy/errors.ts
var CopyError = class extends Error {
  side;
  /** The source or destination name (`docker://host/repo:tag`, `oci:dir:ref`). */
  ref;
  /** The blob or manifest the failure concerns, when there is one. */
  digest;
  constructor(side, ref, message, opts = {}) {
    super(`${side} ${ref}: ${message}`, opts.cause === void 0 ? void 0 : { cause: opts.cause });
    this.name = "CopyError";
    this.side = side;
    this.ref = ref;
    if (opts.digest) this.digest = opts.digest;
  }
};
var CancelledError = class extends Error {
  constructor() {
    super("cancelled: another part of this copy failed");
    this.name = "CancelledError";
  }
};
function messageOf(err) {
  return err instanceof Error ? err.message : String(err);
}
function toCopyError(err, side, ref, what, digest) {
  if (err instanceof CopyError || err instanceof CancelledError) return err;
  return new CopyError(sideOf(err) ?? side, ref, `${what}: ${messageOf(err)}`, { cause: err, digest });
}

// src/copy/mounts.ts
var MAX_MOUNT_CANDIDATES = 3;
function namespaceOf2(repository) {
  const i = repository.indexOf("/");
  return i < 0 ? "" : repository.slice(0, i);
}
var MountBook = class {
  constructor(hints) {
    this.hints = hints;
  }
  hints;
  /** registry → digest → repositories of that registry known (this run) to hold the blob. */
  holders = /* @__PURE__ */ new Map();
  /** `registry` (mounts refused within a namespace) or `registry\nfrom-ns\nto-ns`. */
  refused = /* @__PURE__ */ new Set();
  /** Remember that `loc` holds `digest`, making it a mount source for other repositories. */
  record(loc, digest) {
    let byDigest = this.holders.get(loc.registry);
    if (!byDigest) this.holders.set(loc.registry, byDigest = /* @__PURE__ */ new Map());
    let repos = byDigest.get(digest);
    if (!repos) byDigest.set(digest, repos = /* @__PURE__ */ new Set());
    repos.add(loc.repository);
    this.hints?.held?.(loc.registry, loc.repository, digest);
  }
  /** Some repository of `registry` is known this run to hold `digest`. */
  held(registry, digest) {
    return (this.holders.get(registry)?.get(digest)?.size ?? 0) > 0;
  }
  /** The registry answered a mount between two repositories of one namespace with an upload session. */
  refusesAll(registry) {
    return this.refused.has(registry);
  }
  refuses(registry, from, to) {
    if (this.refused.has(registry)) return true;
    const f = namespaceOf2(from);
    const t = namespaceOf2(to);
    return f !== t && this.refused.has(`${registry}
${f}
${t}`);
  }
  /** Best first: the destination's namespace before others; within that, known holders before hints. */
  candidates(dst, src, digest) {
    if (this.refused.has(dst.registry)) return [];
    const out = [];
    const add = (repository, known) => {
      if (repository === dst.repository || out.some((c) => c.from.repository === repository)) return;
      if (this.refuses(dst.registry, repository, dst.repository)) return;
      out.push({ from: { registry: dst.registry, repository }, known });
    };
    for (const repo of this.holders.get(dst.registry)?.get(digest) ?? []) add(repo, true);
    if (src && src.registry === dst.registry) add(src.repository, true);
    for (const repo of this.hints?.candidates(dst.registry, digest) ?? []) add(repo, false);
    const ns = namespaceOf2(dst.repository);
    const rank = (c) => (namespaceOf2(c.from.repository) === ns ? 0 : 2) + (c.known ? 0 : 1);
    return out.sort((a, b) => rank(a) - rank(b)).slice(0, MAX_MOUNT_CANDIDATES);
  }
  /**
   * The registry answered the mount without mounting (202, or 401/403/404). From a known holder the
   * registry refuses such mounts, remembered for the run so nobody asks again; from a hint the hint
   * was stale, and is forgotten.
   */
  missed(dst, c, digest) {
    if (!c.known) {
      this.hints?.stale?.(dst.registry, c.from.repository, digest);
      return;
    }
    const f = namespaceOf2(c.from.repository);
    const t = namespaceOf2(dst.repository);
    this.refused.add(f === t ? dst.registry : `${dst.registry}
${f}
${t}`);
  }
};

// src/copy/blobs.ts
var MAX_WAITS = 4;
var ByteCounter = class extends Transform {
  constructor(onBytes, blob) {
    super();
    this.onBytes = onBytes;
    this.blob = blob;
  }
  onBytes;
  blob;
  bytes = 0;
  _transform(chunk, _enc, cb) {
    this.bytes += chunk.length;
    this.onBytes(chunk.length, this.blob);
    cb(null, chunk);
  }
};
function locationKey(l) {
  return `${l.registry}/${l.repository}`;
}
var BlobMover = class {
  constructor(limiter, retry, hints) {
    this.limiter = limiter;
    this.retry = retry;
    this.book = new MountBook(hints);
  }
  limiter;
  retry;
  inflight = /* @__PURE__ */ new Map();
  /** registry + digest → settles when the placement that may upload it there ends (never rejects). */
  claims = /* @__PURE__ */ new Map();
  book;
  /** Make `desc` present in the destination. Resolves 'already-copied' when another copy of this run did it. */
  async move(ctx, desc) {
    const key3 = `${ctx.dstRepoKey}
${desc.digest}`;
    for (let round = 0; round < 2; round++) {
      const shared = this.inflight.get(key3);
      if (!shared) break;
      try {
        await shared;
        return { kind: "already-copied" };
      } catch {
        if (this.inflight.get(key3) === shared) this.inflight.delete(key3);
      }
    }
    const mine = this.place(ctx, desc);
    this.inflight.set(key3, mine);
    mine.catch(() => {
      if (this.inflight.get(key3) === mine) this.inflight.delete(key3);
    });
    return mine;
  }
  async place(ctx, desc) {
    const release = await this.claim(ctx, desc);
    try {
      return await this.placeNow(ctx, desc);
    } finally {
      release();
    }
  }
  /**
   * Six images on one base started together would each upload the base into their own repository.
   * The first placement of a blob into a registry that mounts goes alone; the others wait for it,
   * then find a holder to mount from. Without a holder afterwards (that placement failed), the next
   * one claims the blob in turn, so uploads into one registry still never race.
   */
  async claim(ctx, desc) {
    const dst = ctx.dst.location;
    const none = () => {
    };
    if (!dst || !ctx.dst.mountBlob || ctx.src.location?.registry === dst.registry) return none;
    const key3 = `${dst.registry}
${desc.digest}`;
    for (let round = 0; round < MAX_WAITS; round++) {
      if (this.book.refusesAll(dst.registry) || this.book.held(dst.registry, desc.digest)) return none;
      const ahead = this.claims.get(key3);
      if (!ahead) break;
      await ahead;
    }
    if (this.book.refusesAll(dst.registry) || this.book.held(dst.registry, desc.digest)) return none;
    let done;
    const mine = new Promise((resolve6) => done = resolve6);
    this.claims.set(key3, mine);
    return () => {
      if (this.claims.get(key3) === mine) this.claims.delete(key3);
      done();
    };
  }
  async placeNow(ctx, desc) {
    const { dst } = ctx;
    const what = `blob ${desc.digest}`;
    const exists = await this.limiter.request([ctx.dstKey], () => dst.hasBlob(desc)).catch((e) => Promise.reject(toCopyError(e, "destination", dst.name, what, desc.digest)));
    if (exists) {
      this.held(ctx, desc);
      return { kind: "exists" };
    }
    const to = dst.location;
    const candidates = to && dst.mountBlob ? this.book.candidates(to, ctx.src.location, desc.digest) : [];
    for (const c of candidates) {
      const ok = await this.limiter.request([ctx.dstKey], () => dst.mountBlob(desc, c.from)).catch(() => void 0);
      if (ok) {
        this.held(ctx, desc);
        return { kind: "mounted", from: c.from };
      }
      if (ok === false) this.book.missed(to, c, desc.digest);
    }
    const bytes = await this.limiter.transfer([ctx.srcKey, ctx.dstKey], () => this.streamWithRetry(ctx, desc));
    this.held(ctx, desc);
    return { kind: "copied", bytes };
  }
  /**
   * The source resumes a broken download itself, but an upload fed from a one-shot stream cannot
   * restart: a failure no loop below has retried yet (a reset or 5xx on the one-shot upload)
   * retries the whole transfer with a fresh stream, under the same policy as every other retry.
   */
  async streamWithRetry(ctx, desc) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.stream(ctx, desc);
      } catch (e) {
        if (!isRetryable(e) || ctx.cancelled() || !await this.retry.wait(attempt)) throw e;
      }
    }
  }
  held(ctx, desc) {
    if (ctx.dst.location) this.book.record(ctx.dst.location, desc.digest);
  }
  /** src.getBlob → dst.putBlob with nothing buffered; whichever side broke is the one blamed. */
  async stream(ctx, desc) {
    if (ctx.cancelled()) throw new CancelledError();
    const { src, dst } = ctx;
    const what = `blob ${desc.digest}`;
    let body;
    try {
      body = await src.getBlob(desc);
    } catch (e) {
      throw toCopyError(e, "source", src.name, what, desc.digest);
    }
    let srcErr;
    ctx.onBlobStart?.(desc);
    const counter = new ByteCounter(ctx.onBytes, desc);
    let ok = false;
    body.on("error", (e) => {
      srcErr ??= e;
      counter.destroy(e);
    });
    counter.on("error", () => {
    });
    counter.on("close", () => {
      if (!body.destroyed) body.destroy();
    });
    body.pipe(counter);
    try {
      await dst.putBlob(desc, counter);
      ok = srcErr === void 0;
    } catch (e) {
      if (srcErr !== void 0) throw toCopyError(srcErr, "source", src.name, what, desc.digest);
      throw toCopyError(e, "destination", dst.name, what, desc.digest);
    } finally {
      if (!counter.destroyed) counter.destroy();
      if (!ok) ctx.onBytes(-counter.bytes, desc);
    }
    if (srcErr !== void 0) throw toCopyError(srcErr, "source", src.name, what, desc.digest);
    if (counter.bytes !== desc.size) {
      throw new CopyError(
        "destination",
        dst.name,
        `${what}: accepted after ${counter.bytes} of ${desc.size} bytes`,
        {
          digest: desc.digest
        }
      );
    }
    return counter.bytes;
  }
};

// src/copy/budget.ts
var ReadBudget = class {
  constructor(limits, fail2) {
    this.limits = limits;
    this.fail = fail2;
  }
  limits;
  fail;
  manifests = 0;
  bytes = 0;
  requests = 0;
  request() {
    if (++this.requests > this.limits.maxImageRequests) {
      this.fail(
        `reading this image needs more than ${this.limits.maxImageRequests} requests to the source (limit maxImageRequests)`
      );
    }
  }
  manifest(bytes) {
    if (++this.manifests > this.limits.maxImageManifests) {
      this.fail(
        `this image has more than ${this.limits.maxImageManifests} distinct manifests (limit maxImageManifests)`
      );
    }
    this.bytes += bytes;
    if (this.bytes > this.limits.maxImageManifestBytes) {
      this.fail(
        `this image's manifests are more than ${this.limits.maxImageManifestBytes} bytes together (limit maxImageManifestBytes)`
      );
    }
  }
};
var ManifestCache = class {
  constructor(maxBytes) {
    this.maxBytes = maxBytes;
  }
  maxBytes;
  entries = /* @__PURE__ */ new Map();
  bytes = 0;
  get(key3, fetch) {
    const found = this.entries.get(key3);
    if (found) {
      this.entries.delete(key3);
      this.entries.set(key3, found);
      return ownResult(found.p, () => this.get(key3, fetch));
    }
    const entry = { p: fetch(), size: 0 };
    this.entries.set(key3, entry);
    entry.p.then(
      (m) => {
        if (this.entries.get(key3) !== entry) return;
        entry.size = m.bytes.length;
        this.bytes += entry.size;
        this.evict();
      },
      // A failure is not remembered: the next image asks again, under its own retries.
      () => {
        if (this.entries.get(key3) === entry) this.entries.delete(key3);
      }
    );
    return entry.p;
  }
  evict() {
    for (const [key3, e] of this.entries) {
      if (this.bytes <= this.maxBytes) return;
      this.entries.delete(key3);
      this.bytes -= e.size;
    }
  }
};

// src/copy/limiter.ts
var DEFAULT_CONCURRENCY = 8;
var DEFAULT_PER_REGISTRY_CONCURRENCY = 6;
var Semaphore = class {
  constructor(limit) {
    this.limit = limit;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
    }
  }
  limit;
  active = 0;
  peakActive = 0;
  waiters = [];
  /** Slots held now. */
  get inFlight() {
    return this.active;
  }
  /** Most slots ever held at once: lets tests and benchmarks check the cap held. */
  get peak() {
    return this.peakActive;
  }
  get waiting() {
    return this.waiters.length;
  }
  async acquire() {
    if (this.active < this.limit) {
      this.take();
    } else {
      await new Promise((resolve6) => this.waiters.push(resolve6));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next();
      else this.active--;
    };
  }
  async run(fn) {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
  take() {
    this.active++;
    if (this.active > this.peakActive) this.peakActive = this.active;
  }
};
var Limiter = class {
  transfers;
  perRegistry;
  registries = /* @__PURE__ */ new Map();
  constructor(opts = {}) {
    this.transfers = new Semaphore(opts.concurrency ?? DEFAULT_CONCURRENCY);
    this.perRegistry = opts.perRegistryConcurrency ?? DEFAULT_PER_REGISTRY_CONCURRENCY;
    new Semaphore(this.perRegistry);
  }
  registry(key3) {
    let s = this.registries.get(key3);
    if (!s) {
      s = new Semaphore(this.perRegistry);
      this.registries.set(key3, s);
    }
    return s;
  }
  /**
   * Run `fn` holding one request slot on each registry in `keys`. Keys are deduplicated (a copy
   * within one registry must not wait on itself) and taken in sorted order, so two callers can
   * never each hold the slot the other waits for.
   */
  async request(keys, fn) {
    const releases = [];
    try {
      for (const key3 of [...new Set(keys)].sort()) releases.push(await this.registry(key3).acquire());
      checkDeadline();
      return await fn();
    } finally {
      for (const r of releases.reverse()) r();
    }
  }
  /** Run a blob transfer: a global transfer slot first, then the registry slots (always this order). */
  async transfer(keys, fn) {
    return this.transfers.run(() => this.request(keys, fn));
  }
};

// src/copy/tree.ts
var DEFAULT_LIMITS = {
  maxDepth: 4,
  maxLayers: 1e3,
  maxManifests: 1e3,
  maxConfigBytes: 4 * 1024 * 1024,
  maxImageManifests: 5e3,
  maxImageManifestBytes: 64 * 1024 * 1024,
  maxImageRequests: 2e4,
  maxCachedManifestBytes: 16 * 1024 * 1024
};
function fail(ctx, message, digest) {
  throw new CopyError("source", ctx.src.name, message, { digest });
}
async function readManifest(ctx, digest, depth, expected) {
  const what = digest ? `manifest ${digest}` : "manifest";
  if (depth > ctx.limits.maxDepth) {
    fail(
      ctx,
      `${what} is nested ${depth} levels below the top manifest, more than the limit of ${ctx.limits.maxDepth}`,
      digest
    );
  }
  let m;
  try {
    m = await ctx.getManifest(digest);
  } catch (e) {
    throw toCopyError(e, "source", ctx.src.name, what, digest);
  }
  ctx.budget.manifest(m.bytes.length);
  if (expected && (m.digest !== expected.digest || m.bytes.length !== expected.size)) {
    fail(
      ctx,
      `manifest ${expected.digest}: got ${m.digest} (${m.bytes.length} bytes), the index says ${expected.size} bytes`,
      expected.digest
    );
  }
  if (isSchema1(m.mediaType)) schema1(ctx, m);
  let json;
  try {
    json = JSON.parse(m.bytes.toString("utf8"));
  } catch (e) {
    throw new CopyError("source", ctx.src.name, `manifest ${m.digest} is not valid JSON`, {
      cause: e,
      digest: m.digest
    });
  }
  if (json === null || typeof json !== "object")
    fail(ctx, `manifest ${m.digest} is not a JSON object`, m.digest);
  if (json.schemaVersion === 1) schema1(ctx, m);
  const mediaType = json.mediaType ?? m.mediaType;
  const source = mediaType === m.mediaType ? m : { ...m, mediaType };
  const node = {
    source,
    manifest: source,
    json,
    kind: "image",
    children: [],
    blobs: [],
    foreign: []
  };
  if (isIndex(mediaType)) {
    node.kind = "index";
    const entries = json.manifests;
    if (!Array.isArray(entries)) fail(ctx, `index ${m.digest} has no manifests array`, m.digest);
    if (entries.length > ctx.limits.maxManifests) {
      fail(
        ctx,
        `index ${m.digest} lists ${entries.length} manifests, more than the limit of ${ctx.limits.maxManifests}`,
        m.digest
      );
    }
    entries.forEach((d, i) => checkDescriptor(ctx, m.digest, d, `entry ${i}`));
    return node;
  }
  if (!isImageManifest(mediaType)) {
    fail(ctx, `manifest ${m.digest} has unsupported media type '${mediaType}'`, m.digest);
  }
  const layers = json.layers ?? [];
  if (!json.config || !Array.isArray(layers))
    fail(ctx, `manifest ${m.digest} lacks a config or layers`, m.digest);
  if (layers.length > ctx.limits.maxLayers) {
    fail(
      ctx,
      `manifest ${m.digest} has ${layers.length} layers, more than the limit of ${ctx.limits.maxLayers}`,
      m.digest
    );
  }
  checkDescriptor(ctx, m.digest, json.config, "config");
  layers.forEach((d, i) => checkDescriptor(ctx, m.digest, d, `layer ${i}`));
  node.blobs.push(json.config);
  for (const l of layers) {
    if (isForeignLayer(l.mediaType) && l.urls?.length && !ctx.includeForeignLayers) node.foreign.push(l);
    else node.blobs.push(l);
  }
  return node;
}
var DIGEST4 = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
function checkDescriptor(ctx, manifest, d, what) {
  const x = d ?? {};
  const shown = (v) => String(JSON.stringify(v ?? null)).slice(0, 120);
  if (typeof x.digest !== "string" || !DIGEST4.test(x.digest)) {
    fail(ctx, `manifest ${manifest}: ${what} has an invalid digest ${shown(x.digest)}`, manifest);
  }
  if (typeof x.size !== "number" || !Number.isSafeInteger(x.size) || x.size < 0) {
    fail(ctx, `manifest ${manifest}: ${what} has an invalid size ${shown(x.size)}`, manifest);
  }
}
function schema1(ctx, m) {
  fail(
    ctx,
    `manifest ${m.digest} is Docker schema 1 (${m.mediaType}), which is deprecated and not copied: pull and push it once with a current Docker to convert it to schema 2`,
    m.digest
  );
}
async function readChildren(ctx, node, entries, depth, above = [node.source.digest]) {
  node.children = await Promise.all(entries.map((d) => readTree(ctx, d.digest, depth + 1, d, above)));
  node.height = node.children.reduce((h, c) => Math.max(h, (c.height ?? 0) + 1), 0);
}
async function readTree(ctx, digest, depth, expected, above = []) {
  if (digest === void 0) {
    const top = await readManifest(ctx, void 0, depth);
    if (top.kind === "index") await readChildren(ctx, top, top.json.manifests ?? [], depth);
    return top;
  }
  if (above.includes(digest)) fail(ctx, `index ${above.at(-1)} refers back to ${digest}: a cycle`, digest);
  let p = ctx.nodes.get(digest);
  const first = !p;
  if (!p) {
    p = (async () => {
      const node2 = await readManifest(ctx, digest, depth, expected);
      if (node2.kind === "index") {
        await readChildren(ctx, node2, node2.json.manifests ?? [], depth, [...above, digest]);
      }
      return node2;
    })();
    ctx.nodes.set(digest, p);
  }
  const node = await p;
  if (first) return node;
  if (expected && node.source.bytes.length !== expected.size) {
    fail(
      ctx,
      `manifest ${digest}: ${node.source.bytes.length} bytes, an index says ${expected.size} bytes`,
      digest
    );
  }
  if (depth + (node.height ?? 0) > ctx.limits.maxDepth) {
    fail(
      ctx,
      `manifest ${digest} has manifests nested ${depth + (node.height ?? 0)} levels below the top manifest, more than the limit of ${ctx.limits.maxDepth}`,
      digest
    );
  }
  return node;
}
function postOrder(node, out = [], seen = /* @__PURE__ */ new Set()) {
  if (seen.has(node)) return out;
  seen.add(node);
  for (const c of node.children) postOrder(c, out, seen);
  out.push(node);
  return out;
}
function treeBlobs(node) {
  const seen = /* @__PURE__ */ new Map();
  for (const n of postOrder(node)) for (const b of n.blobs) if (!seen.has(b.digest)) seen.set(b.digest, b);
  return [...seen.values()];
}
async function configPlatform(ctx, node) {
  const config = node.json.config;
  if (config.mediaType !== MediaType.OciConfig && config.mediaType !== MediaType.DockerConfig) {
    fail(
      ctx,
      `manifest ${node.source.digest} is an artifact (config ${config.mediaType}): it has no platform to match`,
      node.source.digest
    );
  }
  if (config.size > ctx.limits.maxConfigBytes) {
    fail(
      ctx,
      `config ${config.digest} is ${config.size} bytes, more than ${ctx.limits.maxConfigBytes}`,
      config.digest
    );
  }
  try {
    const chunks2 = [];
    await ctx.request(async () => {
      for await (const chunk of await ctx.src.getBlob(config)) chunks2.push(chunk);
    });
    const json = JSON.parse(Buffer.concat(chunks2).toString("utf8"));
    return { os: json.os ?? "unknown", architecture: json.architecture ?? "unknown", variant: json.variant };
  } catch (e) {
    throw toCopyError(e, "source", ctx.src.name, `config ${config.digest}`, config.digest);
  }
}

// src/copy/prepare.ts
function presentNode(d) {
  const m = { bytes: Buffer.alloc(0), mediaType: d.mediaType, digest: d.digest };
  return {
    source: m,
    manifest: m,
    json: { schemaVersion: 2 },
    kind: "image",
    children: [],
    blobs: [],
    foreign: [],
    present: true
  };
}
async function hasManifest(run2, digest) {
  return run2.dstRequest(() => run2.dst.hasManifest(digest)).catch(() => false);
}
function presence(run2, tag, known) {
  let tagDigest;
  const held2 = /* @__PURE__ */ new Map();
  return async (digest) => {
    if (tag === void 0) {
      if (!held2.has(digest)) held2.set(digest, hasManifest(run2, digest));
      return held2.get(digest);
    }
    tagDigest ??= known !== void 0 ? Promise.resolve(known ?? void 0) : run2.dstRequest(() => run2.dst.resolveTag(tag)).then((d) => d?.digest).catch(() => void 0);
    return await tagDigest === digest;
  };
}
async function prepare(run2, o, tag) {
  const platforms = o.platforms ?? "all";
  const alreadyPresent = presence(run2, tag, o.knownTargetDigest);
  const top = await readManifest(run2.read, void 0, 0);
  const sourceDigest = top.source.digest;
  const reuse = !o.convertToDocker && !o.convertToOci && !o.singleManifest;
  let node = top;
  const why = [];
  try {
    if (top.kind === "image") {
      if (platforms !== "all") await checkSinglePlatform(run2, top, platforms);
    } else {
      const entries = top.json.manifests ?? [];
      const sel = selectEntries(entries, platforms, o.keepAttestations ?? true);
      if (reuse && sel.kept.length === entries.length && await alreadyPresent(sourceDigest)) {
        top.children = entries.map(presentNode);
        return { node: top, sourceDigest, present: true };
      }
      const dropped = sel.dropped.filter((d) => d.reason === "attestation").length;
      if (dropped) why.push(`${dropped} attestation(s) dropped`);
      if (o.convertToDocker) checkIndexConvertible(sourceDigest, sel.kept);
      const held2 = /* @__PURE__ */ new Map();
      const holds = (digest) => {
        if (!held2.has(digest)) held2.set(digest, hasManifest(run2, digest));
        return held2.get(digest);
      };
      top.children = await Promise.all(
        sel.kept.map(
          async (d) => reuse && await holds(d.digest) ? presentNode(d) : readTree(run2.read, d.digest, 1, d, [sourceDigest])
        )
      );
      if (o.singleManifest) {
        node = single(run2, top, sel.images);
        why.push(`single manifest for ${formatPlatform(sel.images[0].platform)} written instead of the index`);
      } else if (sel.kept.length !== entries.length) {
        top.manifest = rewriteIndex(top.source, sel.kept);
        if (dropped < sel.dropped.length)
          why.push(`${sel.images.length} of ${entries.length} entries kept by platform`);
      }
    }
    if (o.convertToDocker) {
      convertTree(node, TO_DOCKER);
      why.push("converted to Docker v2 schema 2");
    } else if (o.convertToOci) {
      convertTree(node, TO_OCI);
      if (node.manifest.digest !== node.source.digest) why.push("converted to OCI");
    }
  } catch (e) {
    if (e instanceof Error && !(e instanceof CopyError)) {
      throw new CopyError("source", run2.src.name, e.message, { cause: e, digest: sourceDigest });
    }
    throw e;
  }
  if (node.manifest.digest !== sourceDigest) {
    run2.warn(`digest changed: ${node.manifest.digest} replaces ${sourceDigest} (${why.join("; ")})`);
  }
  const present = await alreadyPresent(node.manifest.digest);
  if (present) run2.blobsSkipped = treeBlobs(node).length;
  return { node, sourceDigest, present };
}
function single(run2, top, images) {
  if (images.length !== 1) {
    throw new Error(
      `a single manifest needs exactly one platform selected, ${images.length} matched: ${images.map((d) => formatPlatform(d.platform)).join(", ")}; choose one (--platform / platforms:)`
    );
  }
  const child = top.children.find((c) => c.source.digest === images[0].digest);
  if (top.children.length > 1) {
    run2.warn(`single manifest ${child.source.digest} written; the index's attestations are not`);
  }
  return child;
}
async function checkSinglePlatform(run2, node, wanted) {
  const have = await configPlatform(run2.read, node);
  if (!wanted.some((w) => platformMatches(w, have))) {
    throw new Error(
      `${node.source.digest} is a single-platform image for ${formatPlatform(have)}; it does not match ${wanted.map(formatPlatform).join(", ")}`
    );
  }
}
var TO_DOCKER = { image: convertManifestToDocker, index: convertIndexToDocker };
var TO_OCI = { image: convertManifestToOci, index: convertIndexToOci };
function convertTree(node, to, done = /* @__PURE__ */ new Set()) {
  if (done.has(node)) return;
  done.add(node);
  for (const c of node.children) convertTree(c, to, done);
  if (node.kind === "image") {
    node.manifest = to.image(node.manifest);
    return;
  }
  const converted = new Map(node.children.map((c) => [c.source.digest, c.manifest]));
  node.manifest = to.index(node.manifest, converted);
}

// src/copy/referrers.ts
var MAX_REFERRER_DEPTH = 3;
async function findReferrers(run2, subjects) {
  const found = await Promise.all(subjects.map(async (s) => [s, await lookup(run2, s)]));
  return new Map(found);
}
function anyReferrers(found) {
  return [...found.values()].some((f) => f.referrers.length > 0 || f.tags.length > 0);
}
async function lookup(run2, subject) {
  const { src } = run2;
  const referrers2 = src.referrers ? await run2.read.request(() => src.referrers(subject)).catch(
    (e) => Promise.reject(toCopyError(e, "source", src.name, `referrers of ${subject}`, subject))
  ) : [];
  const tags = src.fallbackTags ? await run2.read.request(() => src.fallbackTags(subject)).catch(
    (e) => Promise.reject(toCopyError(e, "source", src.name, `cosign tags of ${subject}`, subject))
  ) : [];
  return { referrers: referrers2, tags };
}
async function copyReferrers(run2, subjects, rewritten = [], maxDepth = MAX_REFERRER_DEPTH, known) {
  const { src } = run2;
  for (const digest of rewritten) {
    const n = src.referrers ? (await run2.read.request(() => src.referrers(digest)).catch(() => [])).length : 0;
    if (n)
      run2.warn(
        `${n} referrer(s) of ${digest} not copied: the copy rewrote that manifest, so their subject is not in the destination`
      );
  }
  const seen = new Set(subjects);
  const limit = run2.read.limits.maxManifests;
  let count = 0;
  async function forSubject(subject) {
    const next = [];
    const { referrers: list2, tags } = known?.get(subject) ?? await lookup(run2, subject);
    if (list2.length > limit) {
      run2.warn(`${subject} has ${list2.length} referrers; copying the first ${limit}`);
    }
    const fresh2 = list2.slice(0, limit).filter((d) => !seen.has(d.digest));
    for (const d of fresh2) seen.add(d.digest);
    await Promise.all(
      fresh2.map(async (d) => {
        const node = await run2.readPlain(d.digest, d);
        await run2.writeTree(node);
        count++;
        next.push(d.digest);
      })
    );
    if (tags.length && !src.resolveTag) {
      run2.warn(`${src.name} cannot resolve tags; cosign tags ${tags.join(", ")} not copied`);
      return next;
    }
    for (const tag of tags) {
      const desc = await run2.read.request(() => src.resolveTag(tag)).catch((e) => Promise.reject(toCopyError(e, "source", src.name, `tag ${tag}`)));
      if (!desc) continue;
      const node = await run2.readPlain(desc.digest, desc);
      await run2.writeTree(node);
      await run2.putManifest(node.manifest, tag);
      count++;
    }
    return next;
  }
  let level = subjects;
  for (let depth = 1; depth <= maxDepth && level.length; depth++) {
    const found = await Promise.all(level.map(forSubject));
    level = found.flat();
  }
  return count;
}

// src/copy/hooks.ts
function both(a, b) {
  if (!a || !b || a === b) return b ?? a;
  return (e) => {
    a(e);
    b(e);
  };
}
function joinHooks(engine, call) {
  return {
    onCopied: both(engine.onCopied, call.onCopied),
    onSkipped: both(engine.onSkipped, call.onSkipped),
    onMounted: both(engine.onMounted, call.onMounted),
    onProgress: both(engine.onProgress, call.onProgress),
    onBlobStart: both(engine.onBlobStart, call.onBlobStart),
    onManifest: both(engine.onManifest, call.onManifest),
    onWarning: both(engine.onWarning, call.onWarning)
  };
}

// src/copy/compress.ts
import { createHash as createHash5 } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm as rm3 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join2 } from "node:path";
import { Transform as Transform2 } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
var GZIPPED = {
  "application/vnd.docker.image.rootfs.diff.tar": MediaType.DockerLayer,
  [MediaType.OciLayer]: MediaType.OciLayerGzip
};
function gzipMediaType(mediaType) {
  return GZIPPED[mediaType];
}
var Hasher = class extends Transform2 {
  hash = createHash5("sha256");
  size = 0;
  _transform(chunk, _enc, cb) {
    this.hash.update(chunk);
    this.size += chunk.length;
    cb(null, chunk);
  }
  digest() {
    return `sha256:${this.hash.digest("hex")}`;
  }
};
async function compressBlob(src, desc, mediaType) {
  const dir = await mkdtemp(join2(tmpdir(), "mirror-gzip-"));
  const file = join2(dir, "blob");
  const dispose = () => rm3(dir, { recursive: true, force: true });
  try {
    const hasher = new Hasher();
    await pipeline(await src.getBlob(desc), createGzip(), hasher, createWriteStream(file, { mode: 384 }));
    const out = { ...desc, mediaType, digest: hasher.digest(), size: hasher.size };
    return {
      desc: out,
      source: { name: src.name, getBlob: () => Promise.resolve(createReadStream(file)) },
      dispose
    };
  } catch (e) {
    await dispose();
    throw e;
  }
}
function rewriteCompressed(root, replaced) {
  if (!replaced.size) return;
  for (const node of postOrder(root)) {
    if (node.present) continue;
    if (node.kind === "image") {
      const layers = node.json.layers ?? [];
      if (!layers.some((l) => replaced.has(l.digest))) continue;
      const json2 = JSON.parse(node.manifest.bytes.toString("utf8"));
      json2.layers = (json2.layers ?? []).map((l) => {
        const r = replaced.get(l.digest);
        return r ? { ...l, mediaType: gzipMediaType(l.mediaType) ?? r.mediaType, digest: r.digest, size: r.size } : l;
      });
      node.manifest = manifestOf(json2, node.manifest.mediaType);
      continue;
    }
    if (!isIndex(node.manifest.mediaType)) continue;
    const changed = node.children.filter((c) => c.manifest.digest !== c.source.digest);
    if (!changed.length) continue;
    const json = JSON.parse(node.manifest.bytes.toString("utf8"));
    const byOld = new Map(node.children.map((c) => [c.source.digest, c.manifest]));
    const entries = (json.manifests ?? []).map((d) => {
      const m = byOld.get(d.digest);
      return m && m.digest !== d.digest ? { ...d, digest: m.digest, size: m.bytes.length } : d;
    });
    node.manifest = rewriteIndex(node.manifest, entries);
  }
}
function manifestOf(json, mediaType) {
  const bytes = Buffer.from(JSON.stringify(json), "utf8");
  return { bytes, mediaType, digest: `sha256:${createHash5("sha256").update(bytes).digest("hex")}` };
}

// src/copy/put-manifest.ts
async function putManifestRetrying(m, tag, ctx) {
  const what = tag ? `manifest ${m.digest} as tag ${tag}` : `manifest ${m.digest}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await ctx.request(() => ctx.dst.putManifest(m, tag));
      return;
    } catch (e) {
      const x = e;
      const blobUnknown = Array.isArray(x.codes) && x.codes.includes("MANIFEST_BLOB_UNKNOWN");
      const unfetchable = blobUnknown ? foreignWithoutUrls(m) : void 0;
      const racy = x.status === 400 && blobUnknown && !unfetchable;
      if (!racy || !await ctx.retry.wait(attempt)) {
        const err = toCopyError(e, "destination", ctx.dst.name, what, m.digest);
        if (unfetchable) {
          err.message += `; layer ${unfetchable} is a foreign layer without urls, which this registry refuses whatever blobs it holds (distribution requires urls on Docker foreign layers)`;
        }
        throw err;
      }
    }
  }
}
function foreignWithoutUrls(m) {
  try {
    const json = JSON.parse(m.bytes.toString("utf8"));
    return (json.layers ?? []).find((l) => isForeignLayer(l.mediaType) && !l.urls?.length)?.digest;
  } catch {
    return void 0;
  }
}

// src/copy/run.ts
function limiterKey(x) {
  return x.location ? x.location.registry : `local:${x.name}`;
}
var CopyRun = class {
  constructor(shared, src, dst, hooks, includeForeignLayers, compress = false) {
    this.shared = shared;
    this.src = src;
    this.dst = dst;
    this.hooks = hooks;
    this.compress = compress;
    const srcKey = limiterKey(src);
    const dstKey = limiterKey(dst);
    this.dstRepoKey = dst.location ? locationKey(dst.location) : `local:${dst.name}`;
    const budget = new ReadBudget(shared.limits, (message) => {
      throw new CopyError("source", src.name, message);
    });
    const request = async (fn) => {
      budget.request();
      return shared.limiter.request([srcKey], fn);
    };
    const srcRepoKey = src.location ? locationKey(src.location) : `local:${src.name}`;
    this.read = {
      src,
      includeForeignLayers,
      limits: shared.limits,
      request,
      getManifest: (digest) => digest === void 0 ? request(() => src.getManifest()) : shared.read.get(`${srcRepoKey}
${digest}`, () => request(() => src.getManifest(digest))),
      budget,
      nodes: /* @__PURE__ */ new Map()
    };
    this.move = {
      src,
      dst,
      srcKey,
      dstKey,
      // Blobs only: manifests stay per destination, since an OCI destination publishes what it wrote itself.
      dstRepoKey: dst.location || !dst.blobStore ? this.dstRepoKey : `local:${dst.blobStore}`,
      cancelled: () => this.failed,
      onBytes: (n, blob) => this.progress(n, blob),
      onBlobStart: (blob) => {
        this.blobDone.set(blob.digest, 0);
        this.hooks.onBlobStart?.({ blob, dest: this.dst.name });
      }
    };
  }
  shared;
  src;
  dst;
  hooks;
  compress;
  blobsCopied = 0;
  blobsSkipped = 0;
  blobsMounted = 0;
  bytes = 0;
  referrers = 0;
  done = 0;
  total = 0;
  counted = /* @__PURE__ */ new Set();
  /** Bytes streamed per blob in its current attempt. */
  blobDone = /* @__PURE__ */ new Map();
  failed = false;
  /** Layers sent gzip-compressed: source digest → the descriptor written. */
  compressed = /* @__PURE__ */ new Map();
  read;
  move;
  dstRepoKey;
  warn(message) {
    this.hooks.onWarning?.(message);
  }
  dstRequest(fn) {
    return this.shared.limiter.request([this.move.dstKey], fn);
  }
  progress(n, blob) {
    this.done += n;
    let b;
    if (blob) {
      const bytes = Math.max(0, (this.blobDone.get(blob.digest) ?? 0) + n);
      this.blobDone.set(blob.digest, bytes);
      b = { digest: blob.digest, size: blob.size, bytes };
    }
    this.hooks.onProgress?.({ bytes: this.done, total: this.total, dest: this.dst.name, blob: b });
  }
  /** Read a tree as is (no filter, no conversion), e.g. a referrer. */
  readPlain(digest, expected) {
    return readTree(this.read, digest, 0, expected);
  }
  /**
   * Blobs of the whole tree in parallel, then every manifest below the root by digest, children
   * before parents. The root itself is left to the caller, who decides between digest and tag.
   */
  async writeBelowRoot(root) {
    const blobs = treeBlobs(root);
    for (const b of blobs) {
      if (!this.counted.has(b.digest)) {
        this.counted.add(b.digest);
        this.total += b.size;
      }
    }
    await this.settle(
      blobs.map((b) => this.compress && gzipMediaType(b.mediaType) ? this.moveGzipped(b) : this.moveBlob(b))
    );
    if (this.compressed.size) {
      const before = root.manifest.digest;
      rewriteCompressed(root, this.compressed);
      this.warn(
        `digest changed: ${root.manifest.digest} replaces ${before} (${this.compressed.size} uncompressed layer(s) gzip-compressed for the registry; preserve-digests keeps them as they are)`
      );
    }
    await this.writeManifests(root, false);
  }
  /** An uncompressed layer, compressed into a temporary file first, moved under its new digest. */
  async moveGzipped(b) {
    const c = await this.read.request(() => compressBlob(this.src, b, gzipMediaType(b.mediaType))).catch(
      (e) => Promise.reject(toCopyError(e, "source", this.src.name, `blob ${b.digest}`, b.digest))
    );
    try {
      this.compressed.set(b.digest, c.desc);
      this.total += c.desc.size - b.size;
      await this.moveBlob(c.desc, { ...this.move, src: { ...c.source, location: void 0 } });
    } finally {
      await c.dispose();
    }
  }
  /** Write a whole tree by digest, root included. */
  async writeTree(root) {
    await this.writeBelowRoot(root);
    await this.putManifest(root.manifest);
  }
  /** Each node once, however many indexes name it (`done`: node → its write, children included). */
  writeManifests(node, self2, done = /* @__PURE__ */ new Map()) {
    let p = done.get(node);
    if (!p) {
      p = (async () => {
        await this.settle(node.children.map((c) => this.writeManifests(c, true, done)));
        if (self2 && !node.present) await this.putManifest(node.manifest);
      })();
      done.set(node, p);
    }
    return p;
  }
  /**
   * Wait for all, then fail with the first real error. Waiting (instead of failing fast) means
   * nothing of this copy is still running when copy() returns; the `failed` flag stops queued
   * transfers from starting meanwhile.
   */
  async settle(work) {
    for (const w of work) w.catch(() => this.failed = true);
    const results = await Promise.allSettled(work);
    const errors = results.flatMap((r) => r.status === "rejected" ? [r.reason] : []);
    if (errors.length) throw errors.find((e) => !(e instanceof CancelledError)) ?? errors[0];
  }
  async moveBlob(b, ctx = this.move) {
    const out = await this.shared.mover.move(ctx, b);
    const dest = this.dst.name;
    switch (out.kind) {
      case "copied":
        this.blobsCopied++;
        this.bytes += out.bytes;
        this.hooks.onCopied?.({ blob: b, bytes: out.bytes, dest });
        return;
      case "mounted":
        this.blobsMounted++;
        this.progress(b.size);
        this.hooks.onMounted?.({ blob: b, dest, from: out.from });
        return;
      default:
        this.blobsSkipped++;
        this.progress(b.size);
        this.hooks.onSkipped?.({ blob: b, dest, reason: out.kind });
    }
  }
  /**
   * Store a manifest by digest (once per destination repository per run) or under a tag (always:
   * the tag may point elsewhere now).
   */
  async putManifest(m, tag) {
    if (tag !== void 0) return this.doPut(m, tag);
    const key3 = `${this.dstRepoKey}
${m.digest}`;
    let p = this.shared.manifests.get(key3);
    if (!p) {
      p = this.doPut(m);
      this.shared.manifests.set(key3, p);
      p.catch(() => this.shared.manifests.delete(key3));
    }
    return ownResult(p, () => this.putManifest(m));
  }
  async doPut(m, tag) {
    await putManifestRetrying(m, tag, {
      dst: this.dst,
      request: (fn) => this.dstRequest(fn),
      retry: this.shared.retry
    });
    this.hooks.onManifest?.({ digest: m.digest, mediaType: m.mediaType, dest: this.dst.name, tag });
  }
  /** Digests of every manifest of the tree that the destination holds with the source's digest. */
  preservedDigests(root) {
    return postOrder(root).filter((n) => n.manifest.digest === n.source.digest).map((n) => n.source.digest);
  }
};

// src/copy/engine.ts
function hostInChain(e) {
  let host;
  for (const c of causes(e)) {
    if (typeof c.url !== "string") continue;
    try {
      host = new URL(c.url).host || host;
    } catch {
    }
  }
  return host;
}
var CopyEngine = class {
  defaults;
  shared;
  constructor(opts = {}) {
    this.defaults = opts;
    const retry = opts.retry ?? new RetryPolicy();
    const limiter = new Limiter({
      concurrency: opts.concurrency,
      perRegistryConcurrency: opts.perRegistryConcurrency
    });
    const limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.shared = {
      limiter,
      mover: new BlobMover(limiter, retry, opts.mountHints),
      manifests: /* @__PURE__ */ new Map(),
      read: new ManifestCache(limits.maxCachedManifestBytes),
      limits,
      retry
    };
  }
  /** The limiter, so a caller (benchmarks, tests) can read the peaks reached. */
  get limiter() {
    return this.shared.limiter;
  }
  /**
   * Copy what `src` was opened on to `dst`, tagging it `tag` when given (else by digest only).
   * Throws CopyError naming the failing side and ref; on failure the tag is never written.
   */
  async copy(src, dst, tag, opts = {}) {
    const o = {
      ...this.defaults,
      knownTargetDigest: void 0,
      ...opts,
      ...joinHooks(this.defaults, opts)
    };
    const ms = o.imageTimeoutMs;
    if (ms === void 0 || ms <= 0) return this.copyNow(src, dst, tag, o);
    const deadline = new AbortController();
    setMaxListeners(0, deadline.signal);
    const scope = new DeadlineScope(deadline.signal);
    const reason = new DeadlineError("image-timeout", ms, src.name);
    let waitingFor = [];
    deadline.signal.addEventListener("abort", () => waitingFor = scope.hosts(), { once: true });
    const timer = setTimeout(() => deadline.abort(reason), ms);
    try {
      return await withDeadline(scope, () => this.copyNow(src, dst, tag, o));
    } catch (e) {
      if (!deadline.signal.aborted) throw e;
      const hosts = waitingFor.length ? waitingFor : [hostInChain(e) ?? src.location?.registry ?? dst.location?.registry];
      const at = hosts[0] ? ` (while talking to ${hosts.join(" and ")})` : "";
      const side = sideOf(e) ?? "source";
      throw new CopyError(side, side === "source" ? src.name : dst.name, `${reason.message}${at}`, {
        cause: e
      });
    } finally {
      clearTimeout(timer);
    }
  }
  async copyNow(src, dst, tag, o) {
    if (!dst.capabilities.indexes) o.singleManifest = true;
    if (o.convertToDocker && o.convertToOci)
      throw new Error("convertToDocker and convertToOci exclude each other");
    const compress = !o.preserveDigests && src.location === void 0 && (dst.location !== void 0 || o.convertToOci === true);
    const run2 = new CopyRun(this.shared, src, dst, o, o.includeForeignLayers ?? false, compress);
    const { node, sourceDigest, present } = await prepare(run2, o, tag);
    if (!present) await run2.writeBelowRoot(node);
    const referrers2 = (o.referrers ?? true) && dst.capabilities.referrers !== false;
    const preserved = run2.preservedDigests(node);
    const rewritten = [
      ...node.source.digest !== sourceDigest ? [sourceDigest] : [],
      ...postOrder(node).filter((n) => n.manifest.digest !== n.source.digest).map((n) => n.source.digest)
    ];
    const found = referrers2 ? await findReferrers(run2, preserved) : void 0;
    if (!present && (tag === void 0 || found && anyReferrers(found)))
      await run2.putManifest(node.manifest);
    if (found) run2.referrers = await copyReferrers(run2, preserved, rewritten, MAX_REFERRER_DEPTH, found);
    if (!present && tag !== void 0) await run2.putManifest(node.manifest, tag);
    try {
      await run2.dstRequest(async () => dst.commit?.());
    } catch (e) {
      throw toCopyError(e, "destination", dst.name, "commit");
    }
    await this.confirm(run2, node.manifest, tag);
    return {
      sourceDigest,
      digest: node.manifest.digest,
      mediaType: node.manifest.mediaType,
      bytes: run2.bytes,
      blobsCopied: run2.blobsCopied,
      blobsSkipped: run2.blobsSkipped,
      blobsMounted: run2.blobsMounted,
      digestChanged: node.manifest.digest !== sourceDigest,
      referrers: run2.referrers,
      upToDate: present
    };
  }
  /** The tag (or, without one, the digest) must now resolve to what was written. */
  async confirm(run2, m, tag) {
    const { dst } = run2;
    let found;
    try {
      if (tag !== void 0) found = (await run2.dstRequest(() => dst.resolveTag(tag)))?.digest;
      else found = await run2.dstRequest(() => dst.hasManifest(m.digest)) ? m.digest : void 0;
    } catch (e) {
      throw toCopyError(e, "destination", dst.name, `confirming ${tag ?? m.digest}`, m.digest);
    }
    if (found !== m.digest) {
      const now = found ? `resolves to ${found}` : "is missing";
      throw new CopyError(
        "destination",
        dst.name,
        `after the copy ${tag ?? m.digest} ${now}, expected ${m.digest}`,
        {
          digest: m.digest
        }
      );
    }
  }
};

// src/signatures/verify.ts
import { createHash as createHash8 } from "node:crypto";
import { readFile as readFile6 } from "node:fs/promises";

// src/signatures/check.ts
var import_bundle = __toESM(require_dist2(), 1);
var import_verify2 = __toESM(require_dist5(), 1);
import { basename as basename2 } from "node:path";
import { createHash as createHash7 } from "node:crypto";

// src/signatures/sigstore.ts
var import_core = __toESM(require_dist3(), 1);
var import_verify = __toESM(require_dist5(), 1);
import { createHash as createHash6 } from "node:crypto";
function reasonFor(err) {
  const code2 = err?.code;
  const cause = err?.cause;
  const msg = cause instanceof Error ? cause.message : err instanceof Error ? err.message : String(err);
  switch (code2) {
    case "CERTIFICATE_ERROR":
      return `untrusted certificate (${msg})`;
    case "TLOG_ERROR":
      return `missing transparency-log proof (${msg})`;
    case "TLOG_MISSING_INCLUSION_ERROR":
      return "missing transparency-log proof (the log entry has neither an inclusion proof nor a signed entry timestamp)";
    case "TLOG_INCLUSION_PROMISE_ERROR":
    case "TLOG_INCLUSION_PROOF_ERROR":
    case "TLOG_BODY_ERROR":
      return `invalid transparency-log proof (${msg})`;
    case "TIMESTAMP_ERROR":
      return /got 0$/.test(msg) ? "missing transparency-log proof (no signed time: a keyless certificate is checked at the time a transparency log or timestamp authority proves)" : `invalid timestamp (${msg})`;
    case "SIGNATURE_ERROR":
      return "signature mismatch (the signature does not verify with the certificate's key)";
    case "PUBLIC_KEY_ERROR":
      return `key mismatch (${msg})`;
    default:
      return `malformed: ${msg}`;
  }
}
function verifyCertificateSigner(entity, root, s) {
  const material = (0, import_verify.toTrustMaterial)(root);
  let timestamps = entity.timestamps;
  if (timestamps.length === 0 && !s.tlog && s.now) {
    const at = String(Math.floor(s.now.getTime() / 1e3));
    const stand = {
      integratedTime: at,
      inclusionPromise: { signedEntryTimestamp: Buffer.alloc(0) },
      logId: { keyId: Buffer.alloc(0) }
    };
    timestamps = [{ $case: "transparency-log", tlogEntry: stand }];
  }
  return new import_verify.Verifier(material, {
    tlogThreshold: s.tlog ? 1 : 0,
    // A private root without CT logs cannot prove an SCT; public-good lists them and gets the check.
    ctlogThreshold: root.ctlogs.length > 0 ? 1 : 0,
    timestampThreshold: 1
  }).verify({ ...entity, timestamps });
}
function verifyKeyedLog(entity, key3, root) {
  const material = (0, import_verify.toTrustMaterial)(root, () => ({ publicKey: key3, validFor: () => true }));
  new import_verify.Verifier(material, { tlogThreshold: 1, ctlogThreshold: 0, timestampThreshold: 0 }).verify(entity);
}
function matchIdentity(signer, ids) {
  const issuer = signer.identity?.extensions?.issuer;
  const san = signer.identity?.subjectAlternativeName;
  if (issuer === void 0 || san === void 0) return void 0;
  return ids.find((id) => id.issuer === issuer && new RegExp(id.subject, "u").test(san));
}
function identityOf(signer) {
  const san = signer.identity?.subjectAlternativeName ?? "no subject";
  const iss = signer.identity?.extensions?.issuer ?? "no issuer";
  return `${cut(san)} from ${cut(iss)}`;
}
var cut = (s) => JSON.stringify(s.length > 120 ? `${s.slice(0, 117)}...` : s);
var CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate";
var REKOR_BUNDLE_ANNOTATION = "dev.sigstore.cosign/bundle";
function legacyEntity(payload, signature, annotations) {
  const pem = annotations[CERTIFICATE_ANNOTATION];
  const entries = rekorEntries(annotations[REKOR_BUNDLE_ANNOTATION]);
  const digest = createHash6("sha256").update(payload).digest();
  return {
    signature: {
      signature,
      compareSignature: (s) => s.equals(signature),
      compareDigest: (d) => d.equals(digest),
      verifySignature: (k) => verifiesWith(k, payload, signature)
    },
    key: pem ? { $case: "certificate", certificate: parseCertificate(pem) } : { $case: "public-key", hint: "" },
    tlogEntries: entries,
    timestamps: entries.map((tlogEntry) => ({ $case: "transparency-log", tlogEntry }))
  };
}
function parseCertificate(pem) {
  try {
    return import_core.X509Certificate.parse(pem);
  } catch (err) {
    throw new Error(
      `the ${CERTIFICATE_ANNOTATION} annotation is not a PEM certificate (${err.message})`,
      {
        cause: err
      }
    );
  }
}
function rekorEntries(text) {
  if (text === void 0) return [];
  let j;
  try {
    j = JSON.parse(text);
  } catch {
    throw new Error(`the ${REKOR_BUNDLE_ANNOTATION} annotation is not JSON`);
  }
  const set = base64(obj(j)?.SignedEntryTimestamp);
  const p = obj(obj(j)?.Payload);
  const body = base64(p?.body);
  const { integratedTime, logIndex, logID } = p ?? {};
  if (!set || !body || typeof integratedTime !== "number" || typeof logIndex !== "number" || typeof logID !== "string" || !/^[0-9a-f]+$/.test(logID))
    throw new Error(
      `the ${REKOR_BUNDLE_ANNOTATION} annotation is not a Rekor bundle (SignedEntryTimestamp, Payload)`
    );
  let kind;
  let apiVersion;
  try {
    ;
    ({ kind, apiVersion } = JSON.parse(body.toString("utf8")));
  } catch {
    throw new Error(`the ${REKOR_BUNDLE_ANNOTATION} annotation's entry body is not JSON`);
  }
  return [
    {
      logIndex: String(logIndex),
      logId: { keyId: Buffer.from(logID, "hex") },
      kindVersion: { kind: String(kind), version: String(apiVersion) },
      integratedTime: String(integratedTime),
      inclusionPromise: { signedEntryTimestamp: set },
      inclusionProof: void 0,
      canonicalizedBody: body
    }
  ];
}

// src/signatures/check.ts
var no = (reason) => ({ ok: false, reason });
var NO_IDENTITY = "keyless signature (it carries a certificate), but the policy names no keyless identity";
var NO_KEY = "key mismatch (the signature carries no certificate and the policy names no keys)";
async function checkCandidate(c, ctx, digest) {
  if (c.kind === "refused") return no(c.reason);
  if (c.kind === "legacy") return checkLegacy(c, ctx, digest);
  return checkBundleCandidate(c.bundle, ctx, digest);
}
async function checkLegacy(c, ctx, digest) {
  const required = ctx.policy.transparencyLog === "required";
  if (c.annotations[CERTIFICATE_ANNOTATION] !== void 0) {
    if (ctx.policy.keyless.length === 0) return no(NO_IDENTITY);
    const sig = base64(c.signature);
    if (!sig) return no(`malformed: the ${SIGNATURE_ANNOTATION} annotation is not base64`);
    const root2 = await ctx.root();
    let entity;
    try {
      entity = legacyEntity(c.payload, sig, c.annotations);
    } catch (err) {
      return no(`malformed: ${err.message}`);
    }
    return keyless(entity, root2, ctx, () => simpleSigningProblem(c.payload, digest));
  }
  if (ctx.policy.keys.length === 0) return no(NO_KEY);
  const r = checkSimpleSigning(c.payload, c.signature, ctx.keys, digest);
  if (!r.ok) return r;
  const by = `key ${basename2(r.key.file)}`;
  if (!required) return { ok: true, by };
  if (c.annotations[REKOR_BUNDLE_ANNOTATION] === void 0)
    return no(`missing transparency-log proof (no ${REKOR_BUNDLE_ANNOTATION} annotation)`);
  const root = await ctx.root();
  try {
    verifyKeyedLog(legacyEntity(c.payload, base64(c.signature), c.annotations), r.key.key, root);
  } catch (err) {
    return no(err instanceof Error && !("code" in err) ? `malformed: ${err.message}` : reasonFor(err));
  }
  return { ok: true, by: `${by}, transparency log` };
}
async function checkBundleCandidate(bytes, ctx, digest) {
  const j = obj(parse(bytes));
  const vm = obj(j?.verificationMaterial);
  const certified = vm !== void 0 && (vm.certificate !== void 0 || vm.x509CertificateChain !== void 0);
  if (!j || j.mediaType !== BUNDLE_MEDIA_TYPE || !certified) {
    if (certified === false && ctx.policy.keys.length === 0 && j?.mediaType === BUNDLE_MEDIA_TYPE)
      return no(NO_KEY);
    const r = checkBundle(bytes, ctx.keys, digest);
    if (!r.ok) return r;
    const by = `key ${basename2(r.key.file)}`;
    if (ctx.policy.transparencyLog !== "required") return { ok: true, by };
    const b2 = parseBundle(j);
    if (typeof b2 === "string") return no(b2);
    if (b2.verificationMaterial.tlogEntries.length === 0)
      return no("missing transparency-log proof (the bundle has no transparency-log entry)");
    const root2 = await ctx.root();
    try {
      verifyKeyedLog(keyedEntity(b2), r.key.key, root2);
    } catch (err) {
      return no(reasonFor(err));
    }
    return { ok: true, by: `${by}, transparency log` };
  }
  if (ctx.policy.keyless.length === 0) return no(NO_IDENTITY);
  const b = parseBundle(j);
  if (typeof b === "string") return no(b);
  if (b.content.$case !== "dsseEnvelope")
    return no("unsupported: message-signature bundles are not verified yet (DSSE bundles are)");
  const env = b.content.dsseEnvelope;
  const root = await ctx.root();
  let entity;
  try {
    entity = (0, import_verify2.toSignedEntity)(b);
  } catch (err) {
    return no(`malformed: ${err.message}`);
  }
  return keyless(entity, root, ctx, () => statementProblem(env.payloadType, env.payload, digest));
}
function keyless(entity, root, ctx, payloadProblem) {
  const required = ctx.policy.transparencyLog === "required";
  let signer;
  try {
    signer = verifyCertificateSigner(entity, root, { tlog: required, now: ctx.now() });
  } catch (err) {
    return no(reasonFor(err));
  }
  const id = matchIdentity(signer, ctx.policy.keyless);
  if (!id)
    return no(
      `identity mismatch (certificate for ${identityOf(signer)}; the policy accepts ${ctx.policy.keyless.map((i) => `${JSON.stringify(i.subject)} from ${JSON.stringify(i.issuer)}`).join(" or ")})`
    );
  const problem = payloadProblem();
  if (problem) return no(problem);
  const tlog = entity.tlogEntries.length > 0 ? ", transparency log" : "";
  return { ok: true, by: `certificate ${identityOf(signer)}${tlog}` };
}
function parseBundle(j) {
  try {
    return (0, import_bundle.bundleFromJSON)(j);
  } catch (err) {
    return `malformed: ${err.message}`;
  }
}
function keyedEntity(b) {
  const e = (0, import_verify2.toSignedEntity)(b);
  if (b.content.$case !== "dsseEnvelope") return e;
  const env = b.content.dsseEnvelope;
  const sig = env.signatures[0]?.sig ?? Buffer.alloc(0);
  const hash = createHash7("sha256").update(env.payload).digest();
  return {
    ...e,
    signature: {
      signature: sig,
      compareSignature: (s) => s.equals(sig),
      compareDigest: (d) => d.equals(hash),
      verifySignature: (k) => verifiesWith(k, pae(env.payloadType, env.payload), sig)
    }
  };
}

// src/signatures/discover.ts
var MAX_CANDIDATES = 16;
var MAX_SIGNATURE_BYTES = 1024 * 1024;
function legacyTag(digest) {
  return `${digest.replace(":", "-")}.sig`;
}
var short = (digest) => digest.slice(0, 19);
var DIGEST5 = /^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;
async function* bundleCandidates(s, digest) {
  const all = await s.client.referrers(s.registry, s.repository, digest);
  const bundles = all.filter((d) => d?.artifactType === BUNDLE_MEDIA_TYPE && DIGEST5.test(String(d.digest)));
  for (const [i, d] of bundles.entries()) {
    const where = `bundle referrer ${short(String(d.digest))}`;
    if (i >= MAX_CANDIDATES) {
      yield {
        where,
        kind: "refused",
        reason: `not read: more than ${MAX_CANDIDATES} bundles refer to the image`
      };
      return;
    }
    if (!(d.size <= MAX_SIGNATURE_BYTES)) {
      yield { where, kind: "refused", reason: tooLarge2(d.size) };
      continue;
    }
    const m = await s.client.manifestGet({ registry: s.registry, repository: s.repository, digest: d.digest });
    const layers = layersOf(m).filter((l) => l.mediaType === BUNDLE_MEDIA_TYPE);
    if (layers.length !== 1) {
      yield { where, kind: "refused", reason: `malformed: ${layers.length} bundle layers, expected 1` };
      continue;
    }
    const layer = layers[0];
    if (!(layer.size <= MAX_SIGNATURE_BYTES)) {
      yield { where, kind: "refused", reason: tooLarge2(layer.size) };
      continue;
    }
    yield { where, kind: "bundle", bundle: await readBlob(s, layer) };
  }
}
async function* legacyCandidates(s, digest) {
  const tag = legacyTag(digest);
  const ref = { registry: s.registry, repository: s.repository, tag };
  const head = await s.client.manifestHead(ref);
  if (!head) return;
  if (head.size !== void 0 && head.size > MAX_SIGNATURE_BYTES) {
    yield { where: `tag ${tag}`, kind: "refused", reason: tooLarge2(head.size) };
    return;
  }
  const m = await s.client.manifestGet(ref);
  const layers = layersOf(m).filter((l) => l.mediaType === SIMPLE_SIGNING_MEDIA_TYPE);
  for (const [i, l] of layers.entries()) {
    const where = `tag ${tag} layer ${i + 1}`;
    if (i >= MAX_CANDIDATES) {
      yield { where, kind: "refused", reason: `not read: more than ${MAX_CANDIDATES} signatures in the tag` };
      return;
    }
    const signature = l.annotations?.[SIGNATURE_ANNOTATION];
    if (typeof signature !== "string") {
      yield { where, kind: "refused", reason: `malformed: no ${SIGNATURE_ANNOTATION} annotation` };
      continue;
    }
    if (!(l.size <= MAX_SIGNATURE_BYTES)) {
      yield { where, kind: "refused", reason: tooLarge2(l.size) };
      continue;
    }
    const annotations = Object.fromEntries(
      Object.entries(l.annotations ?? {}).filter((kv) => typeof kv[1] === "string")
    );
    yield { where, kind: "legacy", payload: await readBlob(s, l), signature, annotations };
  }
}
function tooLarge2(size) {
  return `refused: declares ${String(size)} bytes, over the ${MAX_SIGNATURE_BYTES / 1024 / 1024} MiB limit for a signature`;
}
function layersOf(m) {
  let j;
  try {
    j = JSON.parse(m.bytes.toString("utf8"));
  } catch {
    return [];
  }
  const layers = j?.layers;
  if (!Array.isArray(layers)) return [];
  return layers.filter(
    (l) => l !== null && typeof l === "object" && DIGEST5.test(String(l.digest)) && typeof l.size === "number"
  );
}
async function readBlob(s, d) {
  const stream = await s.client.blobGet(s.registry, s.repository, d);
  const chunks2 = [];
  let n = 0;
  for await (const c of stream) {
    n += c.length;
    if (n > MAX_SIGNATURE_BYTES) {
      stream.destroy();
      throw new Error(`${d.digest}: more than ${MAX_SIGNATURE_BYTES} bytes`);
    }
    chunks2.push(c);
  }
  return Buffer.concat(chunks2);
}

// src/signatures/trust.ts
var import_protobuf_specs = __toESM(require_dist(), 1);
import { readFile as readFile5 } from "node:fs/promises";
async function loadTrustedRoot(setting, opts) {
  if (setting === "auto") {
    const opts2 = {
      ...opts.tufCacheDir ? { cachePath: opts.tufCacheDir } : {},
      // Bounded: a CDN that does not answer must not hold the run.
      timeout: 3e4,
      retry: 2
    };
    const { getTrustedRoot } = await import("./dist-5BXMDHVH.js");
    try {
      return await getTrustedRoot(opts2);
    } catch (err) {
      try {
        return await getTrustedRoot({ ...opts2, forceCache: true });
      } catch {
        throw new Error(
          `Sigstore trusted root (trusted-root: auto, via TUF): ${err.message}, and none is cached; offline, give a trusted_root.json file`,
          { cause: err }
        );
      }
    }
  }
  try {
    return import_protobuf_specs.TrustedRoot.fromJSON(JSON.parse(await readFile5(setting.file, "utf8")));
  } catch (err) {
    throw new Error(`trusted root ${setting.file}: ${err.message}`, { cause: err });
  }
}

// src/signatures/verify.ts
var MAX_REASONS = 4;
var MAX_PLATFORMS = 64;
var SignatureVerifier = class {
  constructor(client, opts = {}) {
    this.client = client;
    this.opts = opts;
  }
  client;
  opts;
  keys = /* @__PURE__ */ new Map();
  roots = /* @__PURE__ */ new Map();
  verdicts = /* @__PURE__ */ new Map();
  digests = /* @__PURE__ */ new Map();
  /**
   * Verifies `digest` (never a tag: the caller copies exactly this digest afterwards, so what was
   * checked is what lands). Registry errors reject; a missing or bad signature is a verdict.
   */
  verify(registry, repository, digest, policy) {
    const key3 = JSON.stringify([registry, repository, digest, policyKey(policy)]);
    let p = this.verdicts.get(key3);
    if (!p) {
      p = this.run({ client: this.client, registry, repository }, digest, policy);
      this.verdicts.set(key3, p);
      p.catch(() => this.verdicts.delete(key3));
    }
    return p;
  }
  /**
   * A multi-platform image is accepted when its index is signed, or else when every platform that
   * will be copied (`platforms` as the entry selects them) is signed on its own.
   */
  async verifyImage(registry, repository, digest, policy, platforms) {
    const top = await this.verify(registry, repository, digest, policy);
    if (top.verified) return top;
    const m = await this.client.manifestGet({ registry, repository, digest });
    if (!isIndex(m.mediaType)) return top;
    let entries;
    try {
      const j = JSON.parse(m.bytes.toString("utf8"));
      entries = Array.isArray(j.manifests) ? j.manifests : [];
      entries = selectEntries(entries, platforms, false).images;
    } catch {
      return top;
    }
    if (entries.length === 0 || entries.length > MAX_PLATFORMS) return top;
    const unsigned = [];
    for (const d of entries) {
      const v = await this.verify(registry, repository, d.digest, policy);
      if (!v.verified) unsigned.push(`${platformName(d)} ${d.digest.slice(0, 19)}: ${v.reason}`);
    }
    if (unsigned.length === 0)
      return { verified: true, by: `every platform copied is signed (${entries.length}; the index is not)` };
    return {
      verified: false,
      reason: `${top.reason}; and not every platform is signed: ${unsigned.slice(0, 2).join("; ")}${unsigned.length > 2 ? `; and ${unsigned.length - 2} more` : ""}`
    };
  }
  async run(s, digest, policy) {
    const ctx = {
      policy,
      keys: await this.keysOf(policy.keys),
      root: () => this.rootOf(policy.trustedRoot),
      now: this.opts.now ?? (() => /* @__PURE__ */ new Date())
    };
    const failures = [];
    let found = 0;
    for (const source of [bundleCandidates(s, digest), legacyCandidates(s, digest)]) {
      for await (const c of source) {
        found++;
        const check = await checkCandidate(c, ctx, digest);
        if (check.ok) return { verified: true, by: `${c.where}, ${check.by}` };
        failures.push(`${c.where}: ${check.reason}`);
      }
    }
    if (found === 0)
      return {
        verified: false,
        reason: `no signature found (no bundle among the referrers of ${digest} or in tag ${fallbackTag(digest)}, no tag ${legacyTag(digest)})`
      };
    const more2 = failures.length > MAX_REASONS ? `; and ${failures.length - MAX_REASONS} more` : "";
    return { verified: false, reason: failures.slice(0, MAX_REASONS).join("; ") + more2 };
  }
  /**
   * A hash of what decides a verdict under `policy`, by content: the key files' bytes, the
   * identities, the trusted root file's bytes (or "auto"), the log setting. A rotated key or root
   * under the same file name is another policy; verdicts cached under the old one do not apply.
   */
  policyDigest(policy) {
    const k = policyKey(policy);
    let p = this.digests.get(k);
    if (!p) {
      p = (async () => {
        const h = createHash8("sha256");
        const part = (b) => h.update(`${Buffer.byteLength(b)}:`).update(b);
        for (const f of policy.keys) part(await readFile6(f));
        part(JSON.stringify(policy.keyless));
        part(policy.trustedRoot === "auto" ? "auto" : await readFile6(policy.trustedRoot.file));
        part(policy.transparencyLog);
        return h.digest("hex");
      })();
      this.digests.set(k, p);
      p.catch(() => this.digests.delete(k));
    }
    return p;
  }
  keysOf(files) {
    const k = files.join("\n");
    let p = this.keys.get(k);
    if (!p) {
      p = loadKeys(files);
      this.keys.set(k, p);
    }
    return p;
  }
  rootOf(setting) {
    const k = setting === "auto" ? "auto" : setting.file;
    let p = this.roots.get(k);
    if (!p) {
      p = loadTrustedRoot(setting, this.opts);
      this.roots.set(k, p);
      p.catch(() => this.roots.delete(k));
    }
    return p;
  }
};
function policyKey(p) {
  return JSON.stringify([p.keys, p.keyless, p.trustedRoot, p.transparencyLog]);
}
function platformName(d) {
  const p = d.platform;
  return p ? [p.os, p.architecture, p.variant].filter(Boolean).join("/") : "unknown platform";
}

// src/signatures/sign-setup.ts
import { readFile as readFile7 } from "node:fs/promises";

// src/signatures/sign-backend.ts
import { createPublicKey as createPublicKey2 } from "node:crypto";
var KeyBackend = class {
  constructor(key3, label) {
    this.key = key3;
    this.trusted = [{ file: label, key: createPublicKey2(key3.publicPem) }];
  }
  key;
  trusted;
  bundle(statement) {
    const sig = this.key.sign(pae(IN_TOTO_PAYLOAD_TYPE, statement));
    return Promise.resolve(
      Buffer.from(
        JSON.stringify({
          mediaType: BUNDLE_MEDIA_TYPE,
          // Keyed: no certificate; the hint names the key, and no transparency-log entry is made.
          verificationMaterial: { publicKey: { hint: this.key.hint }, tlogEntries: [] },
          dsseEnvelope: {
            payload: statement.toString("base64"),
            payloadType: IN_TOTO_PAYLOAD_TYPE,
            signatures: [{ sig: sig.toString("base64"), keyid: "" }]
          }
        })
      )
    );
  }
  legacy(payload) {
    return Promise.resolve({ payload, signature: this.key.sign(payload) });
  }
  ownsBundle(bundle, digest) {
    return Promise.resolve(checkBundle(bundle, this.trusted, digest).ok);
  }
  ownsLegacy(payload, signature, digest) {
    return Promise.resolve(checkSimpleSigning(payload, signature, this.trusted, digest).ok);
  }
};

// src/signatures/sign-key.ts
var import_tweetnacl = __toESM(require_nacl_fast(), 1);
import { createHash as createHash9, createPrivateKey, createPublicKey as createPublicKey3, scryptSync, sign } from "node:crypto";
var MAX_SCRYPT_MEM = 256 * 1024 * 1024;
var PEM = /-----BEGIN ([A-Z ]+)-----\r?\n([\s\S]*?)\r?\n-----END \1-----/;
function loadSigningKey(pem, password, what) {
  const m = PEM.exec(pem);
  if (!m) throw new Error(`${what}: not a PEM private key`);
  let key3;
  if (m[1] === "ENCRYPTED SIGSTORE PRIVATE KEY" || m[1] === "ENCRYPTED COSIGN PRIVATE KEY") {
    if (password === void 0) throw new Error(`${what}: the key is encrypted and no password was given`);
    const der = openSealed(Buffer.from(m[2].replace(/\s+/g, ""), "base64"), password, what);
    key3 = privateKey(() => createPrivateKey({ key: der, format: "der", type: "pkcs8" }), what);
  } else if (/PRIVATE KEY$/.test(m[1])) {
    key3 = privateKey(() => createPrivateKey(pem), what);
  } else {
    throw new Error(`${what}: a PEM "${m[1]}" is not a private key`);
  }
  const t = key3.asymmetricKeyType;
  const curve = key3.asymmetricKeyDetails?.namedCurve;
  if (!(t === "ed25519" || t === "rsa" || t === "ec" && (curve === "prime256v1" || curve === "secp384r1")))
    throw new Error(`${what}: a ${t} ${curve ?? ""} key; supported: ECDSA P-256 or P-384, Ed25519, RSA`);
  const pub = createPublicKey3(key3);
  const spki = pub.export({ type: "spki", format: "der" });
  const hash = t === "ed25519" ? null : "sha256";
  return {
    publicPem: pub.export({ type: "spki", format: "pem" }).toString(),
    hint: createHash9("sha256").update(spki).digest("base64"),
    sign: (data) => sign(hash, data, key3)
  };
}
function privateKey(make, what) {
  try {
    return make();
  } catch (err) {
    throw new Error(`${what}: not a usable private key: ${err.message}`, { cause: err });
  }
}
function openSealed(body, password, what) {
  let j;
  try {
    j = JSON.parse(body.toString("utf8"));
  } catch {
    throw new Error(`${what}: the encrypted key is not cosign's format (not JSON inside the PEM)`);
  }
  const { N, r, p } = j.kdf?.params ?? {};
  if (j.kdf?.name !== "scrypt" || j.cipher?.name !== "nacl/secretbox")
    throw new Error(
      `${what}: unsupported key encryption (expected scrypt and nacl/secretbox, as cosign writes)`
    );
  if (!isInt(N) || !isInt(r) || !isInt(p) || (N & N - 1) !== 0 || N < 2 || 128 * N * r * p > MAX_SCRYPT_MEM)
    throw new Error(`${what}: scrypt parameters out of bounds (N a power of two, 128\xB7N\xB7r\xB7p at most 256 MiB)`);
  const salt = b64(j.kdf.salt);
  const nonce = b64(j.cipher.nonce);
  const box = b64(j.ciphertext);
  if (!salt || !nonce || nonce.length !== import_tweetnacl.default.secretbox.nonceLength || !box)
    throw new Error(`${what}: the encrypted key lacks its salt, nonce or ciphertext`);
  const k = scryptSync(Buffer.from(password, "utf8"), salt, import_tweetnacl.default.secretbox.keyLength, {
    N,
    r,
    p,
    maxmem: MAX_SCRYPT_MEM + 1024 * 1024
  });
  const plain = import_tweetnacl.default.secretbox.open(new Uint8Array(box), new Uint8Array(nonce), new Uint8Array(k));
  if (!plain) throw new Error(`${what}: wrong password (or a damaged key file)`);
  return Buffer.from(plain);
}
var isInt = (v) => typeof v === "number" && Number.isInteger(v) && v > 0;
function b64(v) {
  return typeof v === "string" && /^[A-Za-z0-9+/]*={0,2}$/.test(v) && v.length > 0 ? Buffer.from(v, "base64") : void 0;
}

// src/signatures/signer.ts
import { Readable as Readable2 } from "node:stream";
var MirrorSigner = class {
  /** `backendFor` gives the signer of a policy (keys were opened when the run started). */
  constructor(client, backendFor) {
    this.client = client;
    this.backendFor = backendFor;
  }
  client;
  backendFor;
  chains = /* @__PURE__ */ new Map();
  /** Signs `t` under `policy` in each configured format; returns what was written (empty: all there). */
  sign(policy, t) {
    const key3 = `${t.registry}/${t.repository}@${t.digest}`;
    const prev = this.chains.get(key3) ?? Promise.resolve();
    const run2 = prev.then(
      () => this.signNow(policy, t),
      () => this.signNow(policy, t)
    );
    const tail = run2.catch(() => void 0);
    this.chains.set(key3, tail);
    void tail.then(() => {
      if (this.chains.get(key3) === tail) this.chains.delete(key3);
    });
    return run2;
  }
  async signNow(policy, t) {
    const backend = this.backendFor(policy);
    const s = { client: this.client, registry: t.registry, repository: t.repository };
    const reference = formatRepository(t.registry, t.repository);
    const out = [];
    if (policy.format !== "legacy" && !await this.hasBundle(s, t.digest, backend)) {
      const subject = await this.subject(t);
      const bundle = await backend.bundle(signStatement(t.digest, reference));
      const a = bundleReferrer(bundle, subject);
      await this.push(t, a);
      out.push({ format: "bundle", where: `${reference}@${a.manifest.digest} (referrer of ${t.digest})` });
    }
    if (policy.format !== "bundle") {
      const tag = legacyTag(t.digest);
      const current = await this.current(t, tag);
      if (!await this.hasLegacy(t, current, backend)) {
        const layer = await backend.legacy(simpleSigningPayload(t.digest, reference));
        await this.push(t, legacySignatureImage(layer, current), tag);
        out.push({ format: "legacy", where: `${reference}:${tag}` });
      }
    }
    return out;
  }
  async hasBundle(s, digest, b) {
    for await (const c of bundleCandidates(s, digest))
      if (c.kind === "bundle" && await b.ownsBundle(c.bundle, digest)) return true;
    return false;
  }
  /** A layer of the `.sig` manifest that is ours (read here, not by discover.ts: keyless needs the annotations). */
  async hasLegacy(t, m, b) {
    if (!m) return false;
    let layers;
    try {
      layers = JSON.parse(m.bytes.toString("utf8")).layers;
    } catch {
      return false;
    }
    if (!Array.isArray(layers)) return false;
    const ours = layers.filter(
      (l) => l?.mediaType === SIMPLE_SIGNING_MEDIA_TYPE && typeof l.annotations?.[SIGNATURE_ANNOTATION] === "string" && typeof l.size === "number" && l.size <= MAX_SIGNATURE_BYTES && /^sha256:[0-9a-f]{64}$/.test(String(l.digest))
    );
    for (const l of ours.slice(-MAX_CANDIDATES)) {
      const payload = await this.readBlob(t, l);
      if (await b.ownsLegacy(payload, l.annotations[SIGNATURE_ANNOTATION], t.digest, l)) return true;
    }
    return false;
  }
  async readBlob(t, d) {
    const chunks2 = [];
    for await (const c of await this.client.blobGet(t.registry, t.repository, d)) chunks2.push(c);
    return Buffer.concat(chunks2);
  }
  /** The image as a referrer's `subject` names it (media type and size from a HEAD by digest). */
  async subject(t) {
    const d = await this.client.manifestHead({
      registry: t.registry,
      repository: t.repository,
      digest: t.digest
    });
    if (!d || d.size === void 0 || !d.mediaType)
      throw new Error(
        `${formatRepository(t.registry, t.repository)}@${t.digest} is not in the target; not signed`
      );
    return { mediaType: d.mediaType, digest: t.digest, size: d.size };
  }
  /** The `.sig` tag's manifest now (HEAD first: most images have none), so signatures there are kept. */
  async current(t, tag) {
    const ref = { registry: t.registry, repository: t.repository, tag };
    const head = await this.client.manifestHead(ref);
    if (!head) return void 0;
    if (head.size !== void 0 && head.size > MAX_SIGNATURE_BYTES)
      throw new Error(
        `${formatRepository(t.registry, t.repository)}:${tag} is over ${MAX_SIGNATURE_BYTES} bytes; not signed`
      );
    return this.client.manifestGet(ref);
  }
  /** Blobs (each only when missing), then the manifest: by digest, or under `tag`. */
  async push(t, a, tag) {
    this.client.willPush(t.registry, t.repository);
    for (const b of a.blobs) {
      if (await this.client.blobHead(t.registry, t.repository, b.descriptor.digest) !== void 0) continue;
      await this.client.blobUpload(
        t.registry,
        t.repository,
        b.descriptor,
        () => Promise.resolve(Readable2.from([b.data]))
      );
    }
    const ref = tag ? { registry: t.registry, repository: t.repository, tag } : { registry: t.registry, repository: t.repository, digest: a.manifest.digest };
    await this.client.manifestPut(ref, a.manifest);
  }
};

// src/signatures/sign-setup.ts
async function createSigner(client, policies, secrets) {
  const backends = /* @__PURE__ */ new Map();
  for (const p of policies) {
    const id = signerId(p);
    if (backends.has(id)) continue;
    backends.set(id, await open(p, secrets, client.retryPolicy));
  }
  return new MirrorSigner(client, (p) => backends.get(signerId(p)));
}
function signerId(p) {
  return JSON.stringify([p.key, p.keyless, p.passwordEnv]);
}
async function open(p, secrets, retry) {
  if (p.keyless) {
    if (!secrets.oidc)
      throw new Error(
        `${p.at}: keyless signing needs the job's OIDC token, which the GitHub Action reads (permissions: id-token: write); elsewhere sign with a key`
      );
    const { KeylessBackend } = await import("./sign-keyless-6CRT7C4I.js");
    return new KeylessBackend({ ...p.keyless, oidc: secrets.oidc, mask: secrets.mask, retry });
  }
  const k = p.key;
  const what = "file" in k ? `${p.at}: signatures.sign.key ${k.file}` : `${p.at}: signatures.sign.key env:${k.env}`;
  let pem;
  if ("file" in k) {
    try {
      pem = await readFile7(k.file, "utf8");
    } catch (err) {
      throw new Error(`${what}: cannot be read: ${err.message}`, { cause: err });
    }
  } else {
    pem = secrets.env(k.env);
    if (!pem) throw new Error(`${what}: the environment variable is not set or empty`);
  }
  const label = "file" in k ? k.file : `env:${k.env}`;
  const password = secrets.env(p.passwordEnv);
  if (password === void 0 && /-----BEGIN ENCRYPTED (SIGSTORE|COSIGN) PRIVATE KEY-----/.test(pem))
    throw new Error(
      `${what}: the key is encrypted and ${p.passwordEnv}, which holds its password, is not set`
    );
  return new KeyBackend(loadSigningKey(pem, password, what), label);
}

// src/sync/prune.ts
var pair = (source, target) => `${source}\0${target}`;
function repositoryOf(e) {
  try {
    return targetRepository(parseTransportRef(e.target));
  } catch {
    return void 0;
  }
}
function stillWanted(config, run2) {
  const selected = new Set(run2.items.map((i) => pair(i.source, i.target)));
  const everyShard = new Set(config.images.map(entryRepository));
  const thisShard = new Set(run2.entries.map(entryRepository));
  const unknown = new Set(
    run2.failures.filter((f) => !(f.error instanceof TagTargetError)).map((f) => entryRepository(f.entry))
  );
  return (e) => {
    if (selected.has(pair(e.source, e.target))) return true;
    const repo = repositoryOf(e);
    if (repo === void 0) return false;
    if (unknown.has(repo)) return true;
    return everyShard.has(repo) && !thisShard.has(repo);
  };
}
function pruneState(state, config, run2, retain = () => false) {
  const wanted = stillWanted(config, run2);
  return state.prune({ keep: (e) => wanted(e) || retain(e) });
}

// src/sync/retention.ts
var REMOVED_GROUP = "(entries removed from the config)";
var sameRepo = (a, b) => a.registry === b.registry && a.repository === b.repository;
function sourceRepo(source) {
  try {
    return parseReference(source, { defaultTag: false });
  } catch {
    return void 0;
  }
}
function pruneCandidates(p) {
  const { config, run: run2 } = p;
  const written = /* @__PURE__ */ new Set([...run2.items.map((i) => i.target), ...run2.failures.map((f) => f.target)]);
  const named = new Set(config.images.map(entryRepository));
  const firstShard = !p.shard || p.shard.index === 1;
  const out = [];
  for (const state of p.stale) {
    if (written.has(state.target)) continue;
    let t;
    try {
      t = parseTransportRef(state.target);
    } catch {
      continue;
    }
    if (t.transport !== "docker" || t.ref.tag === void 0 || t.ref.digest !== void 0) continue;
    const repo = targetRepository(t);
    const src = sourceRepo(state.source);
    const entry = run2.entries.find(
      (e) => entryRepository(e) === repo && src !== void 0 && sameRepo(e.sourceRef, src)
    );
    let rules;
    if (entry) rules = entry;
    else if (named.has(repo) || firstShard) rules = config.retention;
    if (!rules?.prune) continue;
    out.push({
      state,
      ref: { ...t.ref, tag: t.ref.tag },
      group: entry ? repo : REMOVED_GROUP,
      entry,
      rules: { prune: rules.prune, keep: rules.keep, pruneLimit: rules.pruneLimit },
      verdict: { action: "delete" }
    });
  }
  return applyRules(out);
}
function applyRules(cands) {
  for (const c of cands) {
    const pattern = c.rules.keep.find((k) => compileTagPattern(k)(c.ref.tag));
    if (pattern !== void 0) c.verdict = { action: "keep", why: `keep: "${pattern}" protects it` };
  }
  const groups = /* @__PURE__ */ new Map();
  for (const c of cands) {
    if (c.verdict.action !== "delete") continue;
    groups.set(c.group, [...groups.get(c.group) ?? [], c]);
  }
  for (const [group2, list2] of groups) {
    const limit = Math.min(...list2.map((c) => c.rules.pruneLimit));
    if (list2.length <= limit) continue;
    const where = group2 === REMOVED_GROUP ? "tags of entries removed from the config" : group2;
    const raise = group2 === REMOVED_GROUP ? "defaults.prune-limit" : "prune-limit (on the entry or in defaults)";
    const why = `${list2.length} tags to prune in ${where} exceed prune-limit ${limit}: nothing there is deleted this run; raise ${raise} to ${list2.length} to allow it`;
    for (const c of list2) c.verdict = { action: "keep", why };
  }
  return cands;
}
function limitWarnings(cands) {
  const out = /* @__PURE__ */ new Set();
  for (const c of cands)
    if (c.verdict.action === "keep" && c.verdict.why.includes("prune-limit")) out.add(c.verdict.why);
  return [...out];
}

// src/sync/retention-run.ts
var HEADS_AT_ONCE = 8;
async function retire(config, expansion, ctx) {
  const { rows, retain } = await pruneTargets(config, expansion, ctx);
  if (ctx.state && !ctx.dryRun) {
    const kept = new Set([...retain].map((e) => `${e.source}\0${e.target}`));
    pruneState(ctx.state, config, expansion, (e) => kept.has(`${e.source}\0${e.target}`));
  }
  return rows;
}
async function pruneTargets(config, expansion, ctx) {
  const none = { rows: [], retain: /* @__PURE__ */ new Set() };
  if (!config.retention?.prune && !config.images.some((e) => e.prune)) return none;
  const state = ctx.state;
  if (!state) {
    ctx.warnings.push(
      "prune needs the state (--state FILE): it deletes only tags the state says the mirror wrote; nothing was deleted"
    );
    return none;
  }
  const wanted = stillWanted(config, expansion);
  const stale = state.list().filter((e) => state.owns(e) && !wanted(e));
  const cands = pruneCandidates({ stale, config, run: expansion, shard: ctx.shard });
  ctx.warnings.push(...limitWarnings(cands));
  return runRetention(cands, ctx);
}
async function runRetention(cands, ctx) {
  const out = { rows: [], retain: /* @__PURE__ */ new Set() };
  const row = (c, status, extra = {}) => {
    const r = {
      source: c.state.source,
      target: c.state.target,
      digest: c.state.digest,
      status,
      bytes: 0,
      durationMs: 0,
      prune: true,
      ...extra
    };
    if (c.entry) r.position = c.entry.position;
    out.rows.push(ctx.done(r));
  };
  const deleting = [];
  for (const c of cands) {
    if (c.verdict.action === "keep") {
      out.retain.add(c.state);
      row(c, "kept", { note: c.verdict.why });
    } else deleting.push(c);
  }
  if (deleting.length === 0) return out;
  if (!ctx.checkTargets) {
    for (const c of deleting) {
      out.retain.add(c.state);
      const note = "would delete if the tag still holds the digest the mirror wrote (the target was not checked: no credentials for it in this run)";
      row(c, ctx.dryRun ? "prune-planned" : "kept", { note });
    }
    return out;
  }
  const byRegistry = group(deleting, (c) => registryKey(c.ref.registry));
  await mapLimit([...byRegistry], 4, async ([registry, list2]) => {
    const memo = { refusedTags: 0, noUntag: false };
    for (const repoList of group(list2, (c) => c.ref.repository).values())
      await pruneRepository(repoList, memo, ctx, out, row);
    if (memo.refused) {
      ctx.warnings.push(
        `prune: ${registry} refuses deletes: ${memo.refused}; ${memo.refusedTags} tag(s) not pruned there (the state keeps them for a later run). Allow deletes there (distribution: REGISTRY_STORAGE_DELETE_ENABLED=true) or set prune: false for the entries that mirror to it.`
      );
    }
  });
  return out;
}
function group(items, key3) {
  const m = /* @__PURE__ */ new Map();
  for (const it of items) m.set(key3(it), [...m.get(key3(it)) ?? [], it]);
  return m;
}
async function pruneRepository(list2, memo, ctx, out, row) {
  const { client } = ctx;
  const { registry, repository } = list2[0].ref;
  const refuse = (c) => {
    memo.refusedTags++;
    out.retain.add(c.state);
    row(c, "prune-refused", { note: `${registryKey(registry)} refuses deletes: ${memo.refused}` });
  };
  const live = [];
  for (const c of list2) {
    if (memo.refused) {
      refuse(c);
      continue;
    }
    try {
      const d = await client.manifestHead(c.ref);
      if (!d) continue;
      if (d.digest !== c.state.digest) {
        const note = `the tag now holds ${d.digest}, not ${c.state.digest} that the mirror wrote: someone else's, never deleted`;
        row(c, "kept", { note });
        continue;
      }
      live.push(c);
    } catch (error) {
      out.retain.add(c.state);
      row(c, "failed", { error: errorMessage(error) });
    }
  }
  if (live.length === 0) return;
  const liveTags = new Set(live.map((c) => c.ref.tag));
  let byDigest;
  const others = async (digest) => {
    byDigest ??= tagDigests(client, registry, repository, HEADS_AT_ONCE);
    return ((await byDigest).get(digest) ?? []).filter((t) => !liveTags.has(t));
  };
  const shared = (tags) => `shares its digest with ${tags.map((t) => `"${t}"`).join(", ")}, which deleting the manifest would delete too`;
  if (ctx.dryRun) {
    for (const c of live) {
      out.retain.add(c.state);
      try {
        const also = await others(c.state.digest);
        const note = also.length ? `would untag it; it ${shared(also)}, so it is kept where the registry cannot untag` : "would delete";
        row(c, "prune-planned", { note });
      } catch (error) {
        row(c, "failed", { error: errorMessage(error) });
      }
    }
    return;
  }
  const done = /* @__PURE__ */ new Set();
  for (const c of live) {
    if (done.has(c)) continue;
    if (memo.refused) {
      refuse(c);
      continue;
    }
    try {
      if (!memo.noUntag) {
        if (await client.tagDelete(registry, repository, c.ref.tag) === "deleted") {
          row(c, "pruned", { note: "tag deleted" });
          continue;
        }
        memo.noUntag = true;
      }
      const also = await others(c.state.digest);
      if (also.length) {
        out.retain.add(c.state);
        row(c, "kept", { note: `the registry cannot untag, and the tag ${shared(also)}` });
        continue;
      }
      await client.manifestDelete({ registry, repository, digest: c.state.digest });
      for (const same of live.filter((o) => o.state.digest === c.state.digest && !done.has(o))) {
        done.add(same);
        row(same, "pruned", { note: "manifest deleted by digest (no other tag on it)" });
      }
    } catch (error) {
      const why = deleteRefusal(error);
      if (why) {
        memo.refused ??= why;
        refuse(c);
      } else {
        out.retain.add(c.state);
        row(c, "failed", { error: errorMessage(error) });
      }
    }
  }
}

// src/sync/mutex.ts
var KeyedMutex = class {
  tails = /* @__PURE__ */ new Map();
  async run(key3, fn) {
    if (key3 === void 0) return fn();
    const prev = this.tails.get(key3) ?? Promise.resolve();
    let done;
    const mine = new Promise((r) => done = r);
    const tail = prev.then(() => mine);
    this.tails.set(key3, tail);
    await prev;
    try {
      return await fn();
    } finally {
      done();
      if (this.tails.get(key3) === tail) this.tails.delete(key3);
    }
  }
};

// src/sync/ratelimits.ts
var RateLimits = class {
  /**
   * `reserve`: pulls to leave unused per source; `perRegistry` (keyed by registryKey, from the
   * config's `registries:`) overrides it for one registry.
   */
  constructor(reserve, perRegistry = {}) {
    this.reserve = reserve;
    this.perRegistry = perRegistry;
  }
  reserve;
  perRegistry;
  /** Sources we stopped pulling from: images deferred, and the remaining count seen. */
  deferredBy = /* @__PURE__ */ new Map();
  /** Targets that kept answering 429: registry → the host that answered (an upload host may differ). */
  refusedBy = /* @__PURE__ */ new Map();
  reserveFor(registry) {
    return this.perRegistry[registryKey(registry)] ?? this.reserve;
  }
  /** Whether pulls from `source` stopped earlier in this run. */
  deferring(source) {
    return this.deferredBy.has(source);
  }
  defer(source, remaining) {
    const d = this.deferredBy.get(source) ?? { count: 0, remaining };
    d.count++;
    this.deferredBy.set(source, d);
  }
  /** The error of an image not attempted because its target refused an earlier one, or undefined. */
  refused(target) {
    const host = target === void 0 ? void 0 : this.refusedBy.get(target);
    if (host === void 0) return void 0;
    return new Error(
      `target ${host} answered 429 Too Many Requests to an earlier image of this run and kept refusing; not attempted`
    );
  }
  /**
   * Deferred or failed for a 429 whose side is known, else undefined (an ordinary failure).
   * `target` is the target registry, for registry targets.
   */
  classify(error, source, target) {
    const rl = rateLimited(error);
    if (rl?.side === "source") {
      this.defer(source);
      return { status: "deferred", error };
    }
    if (rl?.side !== "destination") return void 0;
    const host = rl.host ?? target ?? "the target";
    if (target !== void 0) this.refusedBy.set(target, host);
    const message = `target ${host} answered 429 Too Many Requests and was still refusing after retries`;
    return { status: "failed", error: new Error(message, { cause: error }) };
  }
  warnings() {
    return [...this.deferredBy].map(([source, d]) => {
      const why = d.remaining !== void 0 ? `RateLimit-Remaining ${d.remaining} is below ${this.reserveFor(source)} (rate-limit-reserve)` : "answered 429 Too Many Requests (pull rate limit)";
      return `source ${source}: ${why}; ${d.count} image(s) deferred to a later run`;
    });
  }
};
function rateLimitExhausted(rl, reserve) {
  return rl?.remaining !== void 0 && rl.remaining < reserve;
}

// src/sync/run-context.ts
var DEFAULT_SYNC_CONCURRENCY = 4;
var DEFAULT_RATE_LIMIT_RESERVE = 2;
function createRun(config, opts, concurrency) {
  return {
    opts,
    plan: {
      client: opts.client,
      state: opts.state,
      checkTargets: opts.checkTargets ?? true,
      shard: opts.shard,
      concurrency: planConcurrency(concurrency),
      now: opts.now ?? /* @__PURE__ */ new Date(),
      withoutCredentials: opts.dryRun ? opts.targetWithoutCredentials : void 0,
      unchecked: /* @__PURE__ */ new Set(),
      explain: opts.onExplain
    },
    limits: new RateLimits(
      opts.rateLimitReserve ?? DEFAULT_RATE_LIMIT_RESERVE,
      Object.fromEntries(Object.entries(config.registries).map(([k, o]) => [k, o.rateLimitReserve]))
    ),
    warnings: [...opts.state?.warnings ?? []],
    engine: opts.dryRun ? void 0 : new CopyEngine({ retry: opts.client.retryPolicy, mountHints: opts.state?.blobs, ...opts.engine }),
    localLock: new KeyedMutex(),
    verifier: config.images.some((e) => e.signatures) ? new SignatureVerifier(opts.client, {
      tufCacheDir: opts.sigstoreCacheDir,
      now: opts.now && (() => opts.now)
    }) : void 0,
    done: (r) => {
      opts.onImageDone?.(r);
      return r;
    }
  };
}
function planConcurrency(copies) {
  return Math.min(32, Math.max(8, copies * 2));
}

// src/sync/copy-image.ts
function singleWriterPath(t) {
  if (t.transport === "dir") return t.dir;
  if (t.transport === "docker-archive") return t.file;
  return void 0;
}
async function copyImage(p, engine, client, openDst, hooks) {
  const e = p.entry;
  const src = await openSource(
    {
      transport: "docker",
      ref: { registry: p.sourceRef.registry, repository: p.sourceRef.repository, digest: p.sourceDigest }
    },
    { client }
  );
  try {
    const dst = await openDst();
    try {
      return await engine.copy(src, dst, p.targetTag, {
        platforms: e.platforms,
        referrers: e.referrers,
        keepAttestations: e.keepAttestations,
        includeForeignLayers: e.includeForeignLayers,
        convertToDocker: e.convertToDocker,
        // The plan's HEAD of the tag answers the copy's "is it there already?" too.
        knownTargetDigest: p.targetLooked ? p.targetDigest ?? null : void 0,
        // The entry's image-timeout over the run's (engine option from --image-timeout).
        ...e.imageTimeoutMs !== void 0 ? { imageTimeoutMs: e.imageTimeoutMs } : {},
        ...hooks
      });
    } finally {
      await dst.close();
    }
  } finally {
    await src.close();
  }
}

// src/sync/outcome.ts
function report(p, status, extra = {}) {
  const r = {
    source: p.source,
    target: p.target,
    sourceDigest: p.sourceDigest,
    status,
    change: p.decision?.change,
    bytes: 0,
    durationMs: 0,
    position: p.entry.position,
    ...extra
  };
  for (const k of Object.keys(r)) if (r[k] === void 0) delete r[k];
  return r;
}
function held(state, p, durationMs) {
  const d = p.decision;
  const at = p.targetDigest ?? "another digest";
  if (d.held === "never") {
    const note2 = `the target tag holds ${at}; overwrite: never keeps it`;
    return report(p, "skipped", { digest: p.targetDigest, note: note2, durationMs });
  }
  const written = state?.lastWritten(p.target);
  const whose = written && !state.owns(written) ? `another config wrote it (${written.config ?? "unknown"})` : `the mirror last wrote ${written?.digest ?? "another digest"}`;
  const note = `the target tag holds ${at} but ${whose}; left alone (overwrite: ${p.entry.overwrite}; set overwrite: always to replace it)`;
  return report(p, "drifted", { digest: p.targetDigest, note, durationMs });
}

// src/sync/sign.ts
async function signWritten(signer, p, r, warn) {
  const policy = p.entry.sign;
  const t = p.targetRef;
  if (!policy || !r.digest || r.status !== "copied" && r.status !== "skipped") return r;
  if (r.status === "skipped" && r.cached) return r;
  if (t.transport !== "docker") {
    if (r.status === "copied")
      warn(`${p.source} \u2192 ${p.target}: not signed: signatures.sign needs a registry target`);
    return r;
  }
  try {
    const written = await signer.sign(policy, {
      registry: t.ref.registry,
      repository: t.ref.repository,
      digest: r.digest
    });
    if (written.length > 0) r.signatures = written;
    return r;
  } catch (error) {
    const what = r.status === "copied" ? "copied, but signing it failed" : "signing it failed";
    return { ...r, status: "failed", error: `${what}: ${errorMessage(error)}` };
  }
}
function plannedSignatures(p) {
  const policy = p.entry.sign;
  const t = p.targetRef;
  if (!policy || t.transport !== "docker") return void 0;
  const reference = formatRepository(t.ref.registry, t.ref.repository);
  const formats = policy.format === "both" ? ["bundle", "legacy"] : [policy.format];
  const by = policy.keyless ? "keyless" : "key";
  return formats.map((format) => ({
    format,
    by,
    where: format === "bundle" ? `${reference} (referrer of the digest written)` : `${reference}:sha256-<digest written>.sig`
  }));
}
function signPolicies(entries) {
  return entries.flatMap((e) => e.sign ? [e.sign] : []);
}

// src/sync/run-image.ts
import { resolve as resolvePath } from "node:path";
function targetRegistry(p) {
  return p.targetRef.transport === "docker" ? p.targetRef.ref.registry : void 0;
}
function reportError(run2, p, error, durationMs) {
  const o = run2.limits.classify(error, p.sourceRef.registry, targetRegistry(p));
  return run2.done(report(p, o?.status ?? "failed", { error: errorMessage(o?.error ?? error), durationMs }));
}
async function signed(run2, p, r, remember = () => {
}) {
  const out = run2.signer ? await signWritten(run2.signer, p, r, (m) => run2.warnings.push(m)) : r;
  if (out.status !== "failed") remember();
  return run2.done(out);
}
function settle(run2, p, started) {
  const { opts } = run2;
  const durationMs = Date.now() - started;
  if (p.error !== void 0) return reportError(run2, p, p.error, durationMs);
  const d = p.decision;
  if (d.action === "skip") {
    const record = d.record;
    const remember = () => {
      if (record && !opts.dryRun && opts.state)
        opts.state.set({
          source: p.source,
          sourceDigest: p.sourceDigest,
          target: p.target,
          digest: record,
          options: p.options,
          at: run2.plan.now
        });
    };
    const digest = d.record ?? opts.state?.get(p.source, p.sourceDigest, p.target)?.digest ?? p.targetDigest;
    const cached = p.targetLooked ? void 0 : true;
    return signed(run2, p, report(p, "skipped", { digest, durationMs, cached }), remember);
  }
  if (d.action === "hold") return run2.done(held(run2.plan.state, p, durationMs));
  if (d.action === "wait") {
    const note = `first seen ${d.firstSeen}; min-age lets it be copied from ${d.eligibleAt}`;
    return run2.done(report(p, "waiting", { eligibleAt: d.eligibleAt, note, durationMs }));
  }
  if (opts.dryRun || !run2.engine)
    return run2.done(report(p, "planned", { durationMs, plannedSignatures: plannedSignatures(p) }));
  return void 0;
}
async function copyOne(run2, p, started) {
  const { opts } = run2;
  const registry = p.sourceRef.registry;
  const rl = opts.client.rateLimit(registry);
  if (run2.limits.deferring(registry) || rateLimitExhausted(rl, run2.limits.reserveFor(registry))) {
    run2.limits.defer(registry, rl?.remaining);
    return run2.done(report(p, "deferred", { durationMs: Date.now() - started }));
  }
  const refused = run2.limits.refused(targetRegistry(p));
  if (refused)
    return run2.done(report(p, "failed", { error: errorMessage(refused), durationMs: Date.now() - started }));
  const hooks = opts.onImageStart?.({ source: p.source, target: p.target }) ?? {};
  const t = p.targetRef;
  const local = destinationCapabilities(t).concurrentCopies ? void 0 : singleWriterPath(t);
  const key3 = local === void 0 ? void 0 : `${t.transport}:${resolvePath(local)}`;
  const open2 = () => openDestination(t, { client: opts.client });
  const onWarning = (m) => {
    run2.warnings.push(`${p.source} \u2192 ${p.target}: ${m}`);
    hooks.onWarning?.(m);
  };
  try {
    const copy = () => copyImage(p, run2.engine, opts.client, open2, { ...hooks, onWarning });
    const result = await run2.localLock.run(key3, copy);
    const remember = () => opts.state?.set({
      source: p.source,
      sourceDigest: result.sourceDigest,
      target: p.target,
      digest: result.digest,
      options: p.options
    });
    const r = report(p, "copied", {
      sourceDigest: result.sourceDigest,
      digest: result.digest,
      bytes: result.bytes,
      digestChanged: result.digestChanged,
      durationMs: Date.now() - started
    });
    return await signed(run2, p, r, remember);
  } catch (error) {
    return reportError(run2, p, error, Date.now() - started);
  }
}

// src/sync/signatures.ts
import { createHash as createHash10 } from "node:crypto";
var UnverifiedError = class extends Error {
  constructor(reason, options) {
    super(`unverified: ${reason}`, options);
    this.name = "UnverifiedError";
  }
};
async function checkSignatures(verifier, p, warn, cache) {
  const policy = p.entry.signatures;
  if (!policy || p.error !== void 0 || !p.decision || p.decision.action === "skip" || !p.sourceDigest)
    return;
  const { registry, repository } = p.sourceRef;
  let reason;
  let cause;
  try {
    const image = `${registryKey(registry)}/${repository}@${p.sourceDigest}`;
    const hash = cache ? createHash10("sha256").update(await verifier.policyDigest(policy)).update(JSON.stringify(p.entry.platforms)).digest("hex") : "";
    if (cache?.state.verdicts.get(image, hash, cache.now)) return;
    const v = await verifier.verifyImage(registry, repository, p.sourceDigest, policy, p.entry.platforms);
    if (v.verified) {
      cache?.state.verdicts.record(image, hash, v.by, cache.now);
      return;
    }
    reason = v.reason;
  } catch (error) {
    if (error instanceof RegistryError && error.side === void 0) error.side = "source";
    if (policy.mode === "enforce" && error instanceof RegistryError && error.status === 429) {
      p.error = error;
      return;
    }
    reason = `could not look for signatures: ${error instanceof Error ? error.message : String(error)}`;
    cause = error;
  }
  if (policy.mode === "enforce") p.error = new UnverifiedError(reason, { cause });
  else
    warn(`${p.source} \u2192 ${p.target}: copied without a verified signature (signatures mode warn): ${reason}`);
}

// src/sync/sync.ts
async function sync(config, opts) {
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_SYNC_CONCURRENCY);
  const run2 = createRun(config, opts, concurrency);
  const policies = signPolicies(config.images);
  if (policies.length > 0 && !opts.dryRun)
    run2.signer = await createSigner(opts.client, policies, opts.signing ?? { env: () => void 0 });
  if (!opts.state && config.images.some((e) => e.minAgeDays !== void 0)) {
    run2.warnings.push(
      "min-age needs the state (--state FILE) to remember when a digest was first seen; without it every digest not yet at the target waits"
    );
  }
  const locked = opts.locked ? lockedExpansion(config, opts.locked, opts.shard) : void 0;
  if (locked) run2.warnings.push(...locked.warnings);
  const expansion = locked ?? await expandEntries(config, run2.plan);
  const { items, failures } = expansion;
  announcePlan(opts.client, items, run2.plan.checkTargets);
  const expanded = failures.map(
    ({ entry, source, target, error }) => run2.done({
      source,
      target,
      status: "failed",
      bytes: 0,
      durationMs: 0,
      error: errorMessage(error),
      position: entry.position
    })
  );
  const planSlots = new Semaphore(run2.plan.concurrency);
  const copySlots = new Semaphore(concurrency);
  const images = await Promise.all(
    items.map(async (item) => {
      const started = Date.now();
      const p = await planSlots.run(async () => {
        const planned = await planImage(item, run2.plan);
        if (run2.verifier)
          await checkSignatures(
            run2.verifier,
            planned,
            (m) => run2.warnings.push(m),
            run2.opts.state && { state: run2.opts.state, now: run2.plan.now }
          );
        return planned;
      });
      const decided = settle(run2, p, started);
      return decided ?? copySlots.run(() => copyOne(run2, p, started));
    })
  );
  run2.warnings.push(...run2.limits.warnings());
  const unchecked = [...run2.plan.unchecked].sort();
  if (unchecked.length > 0)
    run2.warnings.push(
      `dry run: no credentials for target registr${unchecked.length > 1 ? "ies" : "y"} ${unchecked.join(", ")}, which refused the target check: target checks skipped there (images planned as if the target lacked them; the state file still counts)`
    );
  const copies = [...expanded, ...images].sort(
    (a, b) => (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.col ?? 0) - (b.position?.col ?? 0)
  );
  const pruned = await retire(config, expansion, {
    client: opts.client,
    state: opts.state,
    shard: opts.shard,
    dryRun: opts.dryRun === true,
    checkTargets: run2.plan.checkTargets,
    warnings: run2.warnings,
    done: run2.done
  });
  const all = [...copies, ...pruned];
  return { images: all, totals: computeTotals(all), warnings: run2.warnings };
}

// src/sync/autoshard.ts
var MAX_MATRIX_SHARDS = 256;
function toCopy(r) {
  return r.status === "planned";
}
function reportRepository(target) {
  try {
    return targetRepository(parseTransportRef(target));
  } catch {
    return target;
  }
}
function configWeights(config) {
  const weights = /* @__PURE__ */ new Map();
  for (const e of config.images) {
    const k = entryRepository(e);
    weights.set(k, (weights.get(k) ?? 0) + 1);
  }
  return weights;
}
function loadsFor(where, work, count) {
  const loads = Array.from({ length: count }, () => ({ images: 0, bytes: 0 }));
  for (const [repo, w] of work) {
    const i = (where.get(repo) ?? 1) - 1;
    loads[i].images += w.images;
    loads[i].bytes += w.bytes;
  }
  return loads;
}
function fits(loads, limits) {
  return loads.every(
    (l) => (limits.maxImages === void 0 || l.images <= limits.maxImages) && (limits.maxBytes === void 0 || l.bytes <= limits.maxBytes)
  );
}
function worst(loads, limits) {
  let w = 0;
  for (const l of loads) {
    if (limits.maxImages) w = Math.max(w, l.images / limits.maxImages);
    if (limits.maxBytes) w = Math.max(w, l.bytes / limits.maxBytes);
  }
  return w;
}
function sizeShards(config, images, limits, bytesOf = () => 0) {
  const weights = configWeights(config);
  const work = /* @__PURE__ */ new Map();
  const total = { images: 0, bytes: 0 };
  for (const r of images) {
    if (!toCopy(r)) continue;
    const k = reportRepository(r.target);
    const w = work.get(k) ?? { images: 0, bytes: 0 };
    w.images++;
    const b2 = bytesOf(r);
    w.bytes += b2;
    work.set(k, w);
    total.images++;
    total.bytes += b2;
  }
  const repos = Math.max(1, work.size);
  const upper = Math.max(1, Math.min(limits.maxShards, weights.size, MAX_MATRIX_SHARDS));
  const lower = Math.max(
    1,
    limits.maxImages ? Math.ceil(total.images / limits.maxImages) : 1,
    limits.maxBytes ? Math.ceil(total.bytes / limits.maxBytes) : 1
  );
  let best;
  for (let n = 1; n <= upper; n++) {
    const loads = loadsFor(assignShards(weights, n), work, n);
    if (n >= lower && fits(loads, limits)) {
      return { count: n, loads, total, reason: reasonFor2(n, total, limits, true, repos) };
    }
    const w = worst(loads, limits);
    if (!best || w < best.worst) best = { count: n, loads, worst: w };
  }
  const b = best;
  return { count: b.count, loads: b.loads, total, reason: reasonFor2(b.count, total, limits, false, repos) };
}
function reasonFor2(n, total, limits, fit, repos) {
  const caps = [
    limits.maxImages !== void 0 ? `${limits.maxImages} images` : void 0,
    limits.maxBytes !== void 0 ? `${limits.maxBytes} bytes` : void 0
  ].filter(Boolean);
  const bytes = limits.maxBytes !== void 0 ? ` (${total.bytes} bytes estimated)` : "";
  const what = `${total.images} images to copy${bytes} in ${repos} target repositories`;
  if (fit) return `${n} shard${n === 1 ? "" : "s"}: ${what}, at most ${caps.join(" and ")} per shard`;
  return `${n} shards: ${what}; no split within ${limits.maxShards} shards keeps every shard under ${caps.join(" and ")} (a target repository is never split), so the most even one is used`;
}
function shardMatrix(count) {
  return { shard: Array.from({ length: count }, (_, i) => `${i + 1}/${count}`) };
}

// src/sync/estimate.ts
var MAX_CHILDREN = 16;
function blobsOf(m) {
  let n = m.config?.size ?? 0;
  for (const l of m.layers ?? []) n += l.size ?? 0;
  return n;
}
async function estimate(client, source, digest) {
  const ref = parseReference(source, { defaultTag: false });
  const at = { registry: ref.registry, repository: ref.repository };
  const top = await client.manifestGet({ ...at, digest });
  const json = JSON.parse(top.bytes.toString("utf8"));
  if (!isIndex(top.mediaType)) return blobsOf(json);
  const children = json.manifests ?? [];
  let sum = 0;
  const read = children.slice(0, MAX_CHILDREN);
  for (const c of read) {
    const child = await client.manifestGet({ ...at, digest: c.digest });
    sum += blobsOf(JSON.parse(child.bytes.toString("utf8")));
  }
  return read.length === 0 ? 0 : Math.round(sum / read.length * children.length);
}
async function estimatePlannedBytes(client, images, concurrency = 8) {
  const warnings = [];
  const bytes = /* @__PURE__ */ new Map();
  const planned = images.filter((r) => r.status === "planned" && r.sourceDigest);
  await mapLimit(planned, concurrency, async (r) => {
    try {
      bytes.set(r, await estimate(client, r.source, r.sourceDigest));
    } catch (error) {
      warnings.push(`${r.source}: size unknown for shard sizing (${errorMessage(error)})`);
    }
  });
  return { bytes, warnings };
}

// src/report/groups.ts
var DOWN = /\(([^\s()]+) is down: not tried again this run\)/;
var FIRST = /\b((?:GET|HEAD|PUT|POST|PATCH|DELETE) \S+: .*?) \(after (\d+) attempts\)/;
function downHostOf(error) {
  return error ? DOWN.exec(error)?.[1] : void 0;
}
var UNREACHED = /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|UND_ERR_SOCKET|connect timeout|response timeout)\b/;
function hostDownGroups(images) {
  const groups = /* @__PURE__ */ new Map();
  for (const r of images) {
    if (r.status !== "failed") continue;
    const host = downHostOf(r.error);
    if (!host || groups.has(host)) continue;
    const m = FIRST.exec(r.error.slice(0, r.error.search(DOWN)));
    const firstError = m ? `${m[1]} (after ${m[2]} attempts)` : r.error.replace(DOWN, "").trim();
    groups.set(host, { kind: "host-down", host, firstError, images: [] });
  }
  if (groups.size === 0) return [];
  for (const r of images) {
    if (r.status !== "failed" || !r.error) continue;
    const host = downHostOf(r.error);
    const g = host ? groups.get(host) : UNREACHED.test(r.error) ? [...groups.values()].find((x) => r.error.includes(`//${x.host}/`)) : void 0;
    g?.images.push(r);
  }
  return [...groups.values()];
}
function hostDownLine(g) {
  const n = g.images.length;
  return `${g.host} is down: ${n} image${n === 1 ? "" : "s"} failed (first error: ${g.firstError})`;
}

// src/report/text.ts
function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}
function shortDigest(d) {
  if (!d) return "-";
  const i = d.indexOf(":");
  return i < 0 ? d.slice(0, 12) : d.slice(0, i + 1 + 12);
}
function formatImageLine(r) {
  const digest = shortDigest(r.digest ?? r.sourceDigest);
  const size = r.status === "copied" ? formatBytes(r.bytes) : "-";
  const note = r.cached ? "cached" : r.change;
  const down = downHostOf(r.error);
  const tail = down ? `: ${down} is down (not tried again this run)` : r.error ? `: ${r.error}` : r.note ? `: ${r.note}` : note && r.status !== "copied" ? ` (${note})` : "";
  const signed2 = r.signatures?.length ? `  signed: ${r.signatures.map((x) => x.where).join(", ")}` : r.plannedSignatures?.length ? `  would sign: ${r.plannedSignatures.map((x) => `${x.format} (${x.by})`).join(", ")}` : "";
  if (r.prune) return `${r.status.padEnd(8)} ${r.target}  ${digest}${tail || ` (from ${r.source})`}`;
  return `${r.status.padEnd(8)} ${r.source} \u2192 ${r.target}  ${digest}  ${size}${tail}${signed2}`;
}
function formatTotalsLine(report2) {
  const t = report2.totals;
  const parts = IMAGE_STATUSES.filter((s) => t[s] > 0 || s === "failed").map((s) => `${t[s]} ${s}`);
  return `total: ${report2.images.filter((r) => !r.prune).length} images: ${parts.join(", ")}; ${formatBytes(t.bytes)} copied`;
}
function formatGroupLines(report2) {
  return hostDownGroups(report2.images).map(hostDownLine);
}

// src/report/summary.ts
var MAX_SUMMARY_ROWS = 500;
var MAX_DEFERRED_LISTED = 100;
var MAX_SUMMARY_BYTES = 1e6;
var BUDGET = { failures: 0.35, table: 0.4, warnings: 0.1 };
function within(items, budget, markup) {
  let used = 0;
  let n = 0;
  for (const item of items) {
    used += Buffer.byteLength(item) + markup;
    if (used > budget) break;
    n++;
  }
  return items.slice(0, n);
}
function more(n, what) {
  return `<p>\u2026 and ${n} more ${what}; the JSON report (output <code>report</code>) lists all.</p>`;
}
var ORDER = {
  failed: 0,
  drifted: 1,
  deferred: 2,
  waiting: 3,
  copied: 4,
  planned: 5,
  skipped: 6,
  "prune-refused": 7,
  "prune-planned": 8,
  pruned: 9,
  kept: 10
};
var CHANGE_ORDER = { new: 0, changed: 1, unknown: 2, unchanged: 3 };
function sortForSummary(images) {
  return images.map((r, i) => ({ r, i })).sort(
    (a, b) => ORDER[a.r.status] - ORDER[b.r.status] || CHANGE_ORDER[a.r.change ?? "unknown"] - CHANGE_ORDER[b.r.change ?? "unknown"] || a.i - b.i
  ).map((x) => x.r);
}
var STATUS_LABEL = {
  failed: "\u274C failed",
  deferred: "\u23F8\uFE0F deferred",
  copied: "\u2705 copied",
  planned: "\u{1F4DD} planned",
  skipped: "\u23ED\uFE0F up to date",
  drifted: "\u26A0\uFE0F drifted",
  waiting: "\u23F3 waiting",
  pruned: "\u{1F5D1}\uFE0F deleted",
  "prune-planned": "\u{1F5D1}\uFE0F would delete",
  kept: "\u{1F512} kept",
  "prune-refused": "\u{1F6AB} delete refused"
};
function statusLabel(r) {
  return r.status === "skipped" && r.cached ? "\u23ED\uFE0F cached" : STATUS_LABEL[r.status];
}
function seconds(ms) {
  return `${(ms / 1e3).toFixed(1)} s`;
}
function code(s) {
  return `<code>${escapeHtml(s)}</code>`;
}
function buildSummary(s, report2, ctx) {
  const t = report2.totals;
  const shard = ctx.shard && ctx.shard.count > 1 ? ` \u2014 shard ${ctx.shard.index}/${ctx.shard.count}` : ctx.merged ? ` \u2014 ${ctx.merged} shard${ctx.merged === 1 ? "" : "s"} merged` : "";
  s.addHeading(ctx.dryRun ? `Mirror plan (dry run)${shard}` : `Mirror${shard}`, 2);
  s.addRaw(`<p>Config: ${code(ctx.config)}</p>`, true);
  const maxBytes = ctx.maxBytes ?? MAX_SUMMARY_BYTES;
  const failed = report2.images.filter((r) => r.status === "failed");
  if (failed.length > 0) {
    s.addHeading(`${failed.length} failed`, 3);
    const groups = hostDownGroups(failed);
    const grouped = new Set(groups.flatMap((g) => g.images));
    for (const g of groups) {
      s.addRaw(`<p>${escapeHtml(hostDownLine(g))}</p>`, true);
      const names = g.images.map((r) => `${code(r.source)} \u2192 ${code(r.target)}`);
      const listed = within(names, maxBytes * BUDGET.failures / (groups.length + 1), "<li></li>".length);
      s.addRaw(`<details><summary>${g.images.length} images on ${code(g.host)}</summary>`, true);
      if (listed.length > 0) s.addList(listed);
      if (listed.length < names.length) s.addRaw(more(names.length - listed.length, "images"), true);
      s.addRaw("</details>", true);
    }
    const items = failed.filter((r) => !grouped.has(r)).map((r) => `${code(r.source)} \u2192 ${code(r.target)}: ${escapeHtml(r.error ?? "failed")}`);
    const shown = within(items, maxBytes * BUDGET.failures, "<li></li>".length);
    if (shown.length > 0) s.addList(shown);
    if (shown.length < items.length) s.addRaw(more(items.length - shown.length, "failures"), true);
  }
  const deferred = report2.images.filter((r) => r.status === "deferred");
  if (deferred.length > 0) {
    s.addHeading(`${deferred.length} deferred (rate limit)`, 3);
    s.addRaw(
      "<p>A source's pull quota was spent or below the reserve (<code>rate-limit-reserve</code>): these wait for the next run.</p>",
      true
    );
    const list2 = deferred.slice(0, MAX_DEFERRED_LISTED).map((r) => `${code(r.source)} \u2192 ${code(r.target)}`);
    if (deferred.length > MAX_DEFERRED_LISTED)
      list2.push(`\u2026 and ${deferred.length - MAX_DEFERRED_LISTED} more (the JSON report lists all)`);
    s.addList(list2);
  }
  for (const status of ["drifted", "waiting"]) {
    const held2 = report2.images.filter((r) => r.status === status);
    if (held2.length === 0) continue;
    s.addHeading(`${held2.length} ${status === "drifted" ? "drifted (left alone)" : "waiting (min-age)"}`, 3);
    s.addList(held2.map((r) => `${code(r.source)} \u2192 ${code(r.target)}: ${escapeHtml(r.note ?? status)}`));
  }
  const pruneRows = report2.images.filter((r) => r.prune && r.status !== "failed");
  if (pruneRows.length > 0) {
    const n = ctx.dryRun ? t["prune-planned"] : t.pruned;
    s.addHeading(
      `Retention (prune): ${n} tag${n === 1 ? "" : "s"} ${ctx.dryRun ? "to delete" : "deleted"}`,
      3
    );
    const items = pruneRows.map(
      (r) => `${STATUS_LABEL[r.status]} ${code(r.target)}: ${escapeHtml(r.note ?? "")}`
    );
    const shown = within(items, maxBytes * BUDGET.warnings, "<li></li>".length);
    if (shown.length > 0) s.addList(shown);
    if (shown.length < items.length) s.addRaw(more(items.length - shown.length, "tags"), true);
  }
  const signed2 = report2.images.flatMap((r) => (r.signatures ?? []).map((x) => `${x.format}: ${code(x.where)}`));
  if (signed2.length > 0) {
    s.addHeading(`${signed2.length} signature${signed2.length === 1 ? "" : "s"} written`, 3);
    const list2 = signed2.slice(0, MAX_DEFERRED_LISTED);
    if (signed2.length > MAX_DEFERRED_LISTED)
      list2.push(`\u2026 and ${signed2.length - MAX_DEFERRED_LISTED} more (the JSON report lists all)`);
    s.addList(list2);
  }
  const toSign = report2.images.flatMap(
    (r) => (r.plannedSignatures ?? []).map((x) => `${x.format} (${x.by}): ${code(x.where)}`)
  );
  if (toSign.length > 0) {
    s.addHeading(`${toSign.length} signature${toSign.length === 1 ? "" : "s"} to write (dry run)`, 3);
    const list2 = toSign.slice(0, MAX_DEFERRED_LISTED);
    if (toSign.length > MAX_DEFERRED_LISTED)
      list2.push(`\u2026 and ${toSign.length - MAX_DEFERRED_LISTED} more (the JSON report lists all)`);
    s.addList(list2);
  }
  if (ctx.dryRun) {
    const counts = { new: 0, changed: 0, unchanged: 0, unknown: 0 };
    for (const r of report2.images) if (r.status !== "failed" && !r.prune) counts[r.change ?? "unknown"]++;
    const parts = [`${counts.new} new`, `${counts.changed} changed`, `${counts.unchanged} unchanged`];
    if (counts.unknown > 0) parts.push(`${counts.unknown} not checked against the target`);
    s.addRaw(
      `<p><strong>Plan:</strong> ${parts.join(", ")}${failed.length ? `; ${failed.length} failed` : ""}${t["prune-planned"] ? `; ${t["prune-planned"]} tags to delete (prune)` : ""}. Nothing was written.</p>`,
      true
    );
  }
  if (ctx.uncheckedTargets && ctx.uncheckedTargets.length > 0) {
    const hosts = ctx.uncheckedTargets.map(code).join(", ");
    s.addRaw(
      `<p>\u26A0\uFE0F Not checked: no credentials for ${hosts}, so whether the target already holds each image (and whether the credentials may push there) was not verified; those images show as <em>unknown</em>.</p>`,
      true
    );
  }
  const sorted = sortForSummary(report2.images);
  const max = ctx.maxRows ?? MAX_SUMMARY_ROWS;
  const header2 = ["Status", "Source", "Target", "Digest", "Size", "Time"].concat(ctx.dryRun ? ["Change"] : []);
  const rows = [header2.map((h) => ({ data: h, header: true }))];
  let tableBytes = 0;
  for (const r of sorted.slice(0, max)) {
    const row = [
      statusLabel(r),
      code(r.source),
      code(r.target),
      code(shortDigest(r.digest ?? r.sourceDigest)),
      r.bytes > 0 ? formatBytes(r.bytes) : "-",
      seconds(r.durationMs)
    ];
    if (ctx.dryRun) row.push(r.change ?? "unknown");
    tableBytes += row.reduce(
      (n, cell) => n + Buffer.byteLength(cell) + "<td></td>".length,
      "<tr></tr>".length
    );
    if (tableBytes > maxBytes * BUDGET.table) break;
    rows.push(row.map((data) => ({ data })));
  }
  if (report2.images.length > 0) s.addTable(rows);
  else s.addRaw("<p>No images matched this run (empty config, or none in this shard).</p>", true);
  const shownRows = rows.length - 1;
  if (sorted.length > shownRows) s.addRaw(more(sorted.length - shownRows, "images"), true);
  const cached = report2.images.filter((r) => r.status === "skipped" && r.cached).length;
  const totals = [
    `${t.copied} copied`,
    `${t.skipped - cached} up to date`,
    ...cached ? [`${cached} cached (target not checked)`] : [],
    `${t.failed} failed`,
    ...t.planned ? [`${t.planned} planned`] : [],
    ...t.deferred ? [`${t.deferred} deferred`] : [],
    ...t.drifted ? [`${t.drifted} drifted (left alone)`] : [],
    ...t.waiting ? [`${t.waiting} waiting (min-age)`] : [],
    ...t.pruned ? [`${t.pruned} tags deleted (prune)`] : [],
    ...t["prune-planned"] ? [`${t["prune-planned"]} tags to delete (prune)`] : [],
    ...t.kept ? [`${t.kept} kept (prune)`] : [],
    ...t["prune-refused"] ? [`${t["prune-refused"]} not deleted (registry refuses)`] : []
  ];
  s.addRaw(
    `<p><strong>Total:</strong> ${report2.images.filter((r) => !r.prune).length} images: ${totals.join(", ")}; ${formatBytes(t.bytes)} transferred.</p>`,
    true
  );
  if (ctx.cacheNote) s.addRaw(`<p>Digest cache: ${escapeHtml(ctx.cacheNote)}</p>`, true);
  if (report2.warnings.length > 0) {
    s.addHeading("Warnings", 3);
    const shown = within(report2.warnings.map(escapeHtml), maxBytes * BUDGET.warnings, "<li></li>".length);
    if (shown.length > 0) s.addList(shown);
    if (shown.length < report2.warnings.length)
      s.addRaw(more(report2.warnings.length - shown.length, "warnings"), true);
  }
  return s;
}

// src/report/json.ts
import { randomBytes as randomBytes3 } from "node:crypto";
import { mkdir as mkdir3, rename as rename3, rm as rm4, writeFile as writeFile3 } from "node:fs/promises";
import { dirname as dirname5 } from "node:path";
function reportToJson(report2, meta = {}) {
  return {
    shard: meta.shard && meta.shard.count > 1 ? `${meta.shard.index}/${meta.shard.count}` : void 0,
    dryRun: meta.dryRun ? true : void 0,
    images: report2.images.map((i) => ({
      source: i.source,
      target: i.target,
      sourceDigest: i.sourceDigest,
      digest: i.digest,
      status: i.status,
      change: i.change,
      bytes: i.bytes,
      durationMs: i.durationMs,
      error: i.error,
      digestChanged: i.digestChanged,
      note: i.note,
      eligibleAt: i.eligibleAt,
      cached: i.cached,
      prune: i.prune,
      signatures: i.signatures,
      plannedSignatures: i.plannedSignatures,
      position: i.position
    })),
    totals: report2.totals,
    warnings: report2.warnings,
    // Failures with one cause (a host down), said once; each image keeps its own entry above.
    groups: hostDownGroups(report2.images).map((g) => ({
      kind: g.kind,
      host: g.host,
      count: g.images.length,
      firstError: g.firstError,
      images: g.images.map((i) => ({ source: i.source, target: i.target }))
    }))
  };
}
async function writeJsonReport(report2, file, meta = {}) {
  await mkdir3(dirname5(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes3(4).toString("hex")}.tmp`;
  try {
    await writeFile3(tmp, JSON.stringify(reportToJson(report2, meta), null, 2) + "\n");
    await rename3(tmp, file);
  } catch (error) {
    await rm4(tmp, { force: true });
    throw new Error(`cannot write the report to ${file}: ${error.message}`, { cause: error });
  }
}

// src/report/progress.ts
var PROGRESS_INTERVAL_MS = 1e4;
var LARGE_BLOB_BYTES = 8 * 1024 * 1024;
function formatRate(bytes, ms) {
  if (ms <= 0 || bytes <= 0) return "-";
  return `${formatBytes(Math.round(bytes * 1e3 / ms))}/s`;
}
function formatEta(done, total, ms) {
  if (done >= total && total > 0) return "ETA 0:00";
  if (ms <= 0 || done <= 0 || total <= 0) return "ETA -";
  const s = Math.ceil((total - done) * ms / done / 1e3);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor(s % 3600 / 60);
  const ss = String(s % 60).padStart(2, "0");
  return hh > 0 ? `ETA ${hh}:${String(mm).padStart(2, "0")}:${ss}` : `ETA ${mm}:${ss}`;
}
function formatBar(done, total, width = 20) {
  const filled = total > 0 ? Math.min(width, Math.floor(done / total * width)) : 0;
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
}
var pct = (done, total) => total > 0 ? `${Math.min(100, Math.floor(done / total * 100))}%` : "-";
function renderBar(label, done, total, elapsedMs) {
  return `${label} ${formatBar(done, total)} ${formatBytes(done)} / ${formatBytes(total)} ${pct(done, total)} ${formatRate(done, elapsedMs)} ${formatEta(done, total, elapsedMs)}`;
}
var TransferProgress = class {
  images = /* @__PURE__ */ new Map();
  now;
  interval;
  lastLine;
  constructor(opts = {}) {
    this.now = opts.now ?? Date.now;
    this.interval = opts.intervalMs ?? PROGRESS_INTERVAL_MS;
  }
  imageStart(key3, label) {
    this.images.set(key3, { label, bytes: 0, total: 0, started: this.now(), blobs: /* @__PURE__ */ new Map() });
  }
  imageDone(key3) {
    this.images.delete(key3);
  }
  /** A blob's transfer starts; returns true when it is large enough to announce in a log. */
  blobStart(key3, blob) {
    const img = this.images.get(key3);
    img?.blobs.set(blob.digest, { digest: blob.digest, size: blob.size, bytes: 0, started: this.now() });
    return blob.size >= LARGE_BLOB_BYTES;
  }
  progress(key3, e) {
    const img = this.images.get(key3);
    if (!img) return;
    img.bytes = e.bytes;
    img.total = e.total;
    if (!e.blob) return;
    const b = img.blobs.get(e.blob.digest);
    if (!b) return;
    if (e.blob.bytes >= e.blob.size) img.blobs.delete(e.blob.digest);
    else b.bytes = e.blob.bytes;
  }
  /** Images (and their blobs in flight) as terminal lines, in the order the images started. */
  bars() {
    const now = this.now();
    const lines = [];
    for (const img of this.images.values()) {
      lines.push(renderBar(img.label, img.bytes, img.total, now - img.started));
      for (const b of img.blobs.values())
        lines.push(renderBar(`  ${shortDigest(b.digest)}`, b.bytes, b.size, now - b.started));
    }
    return lines;
  }
  /**
   * The log line when an interval has passed since the last one (or since bytes started moving,
   * so short transfers never print one); undefined otherwise. Call it on each progress event.
   */
  dueLine() {
    const now = this.now();
    if (this.lastLine === void 0) {
      this.lastLine = now;
      return void 0;
    }
    if (now - this.lastLine < this.interval) return void 0;
    this.lastLine = now;
    const parts = [];
    for (const img of this.images.values()) {
      if (img.total === 0 && img.bytes === 0) continue;
      if (img.total > 0 && img.bytes >= img.total) continue;
      parts.push(
        `${img.label}: ${formatBytes(img.bytes)} of ${formatBytes(img.total)} (${pct(img.bytes, img.total)}, ${formatRate(img.bytes, now - img.started)})`
      );
    }
    if (parts.length > 0) return `progress: ${parts.join("; ")}`;
    this.lastLine = void 0;
    return void 0;
  }
};

// src/report/explain.ts
function filterText(e) {
  const f = e.filter;
  const parts = [];
  if (f) {
    parts.push(`tags ${JSON.stringify(f.tags ?? ["*"])}`);
    if (f.exclude?.length) parts.push(`exclude ${JSON.stringify(f.exclude)}`);
    if (f.semver !== void 0) parts.push(`semver ${JSON.stringify(f.semver)}`);
    if (f.latest !== void 0) parts.push(`latest ${f.latest}`);
  }
  parts.push(
    e.platforms === "all" ? "platforms: all" : `platforms ${e.platforms.map(formatPlatform).join(", ")} of each image`
  );
  return parts.join(", ");
}
function formatExplanation(x) {
  const head = `explain  ${x.entry.source} \u2192 ${x.entry.target}`;
  if (!x.entry.filter)
    return [`${head}: the source names its tag or digest, no tag filter applies (${filterText(x.entry)})`];
  const kept = x.verdicts.filter((v) => v.kept).length;
  const lines = [`${head}: ${kept} of ${x.listed} listed tags kept (${filterText(x.entry)})`];
  const width = Math.min(40, Math.max(0, ...x.verdicts.map((v) => v.tag.length)));
  for (const v of x.verdicts)
    lines.push(
      `  ${v.kept ? "keep" : "drop"}  ${v.tag.padEnd(width)}  ${v.kept ? "" : `${v.by}: `}${v.reason}`
    );
  return lines;
}

// src/report/merge.ts
import { readdir, readFile as readFile8, stat as stat2 } from "node:fs/promises";
import { join as join3 } from "node:path";
var MAX_REPORT_FILES = 1024;
var MAX_REPORT_BYTES = 256 * 1024 * 1024;
async function findReportFiles(path2) {
  let st;
  try {
    st = await stat2(path2);
  } catch (error) {
    throw new Error(`merge-reports: ${path2} does not exist (${error.code})`, {
      cause: error
    });
  }
  if (st.isFile()) return [path2];
  const out = [];
  const walk = async (dir) => {
    for (const d of await readdir(dir, { withFileTypes: true })) {
      const p = join3(dir, d.name);
      if (d.isDirectory()) await walk(p);
      else if (d.isFile() && d.name.endsWith(".json")) {
        out.push(p);
        if (out.length > MAX_REPORT_FILES) {
          throw new Error(`merge-reports: more than ${MAX_REPORT_FILES} .json files under ${path2}`);
        }
      }
    }
  };
  await walk(path2);
  return out.sort();
}
function bad(file, why) {
  return new Error(`${file}: not a mirror-action report: ${why}`);
}
function checkImage(file, i, v) {
  const im = v;
  if (!im || typeof im !== "object") throw bad(file, `images[${i}] is not an object`);
  if (typeof im.source !== "string" || typeof im.target !== "string") {
    throw bad(file, `images[${i}] has no source or target`);
  }
  if (!IMAGE_STATUSES.includes(im.status)) {
    throw bad(file, `images[${i}] has an unknown status ${JSON.stringify(im.status)}`);
  }
  if (typeof im.bytes !== "number" || !Number.isFinite(im.bytes) || im.bytes < 0) {
    throw bad(file, `images[${i}] has no byte count`);
  }
  return im;
}
async function readShardReport(file) {
  const st = await stat2(file);
  if (st.size > MAX_REPORT_BYTES) throw bad(file, `larger than ${MAX_REPORT_BYTES} bytes`);
  let doc;
  try {
    doc = JSON.parse(await readFile8(file, "utf8"));
  } catch (error) {
    throw bad(file, `invalid JSON (${error.message})`);
  }
  const d = doc;
  if (!d || typeof d !== "object" || !Array.isArray(d.images)) throw bad(file, "no images list");
  const images = d.images.map((v, i) => checkImage(file, i, v));
  const warnings = Array.isArray(d.warnings) ? d.warnings.filter((w) => typeof w === "string") : [];
  let shard;
  if (d.shard !== void 0) {
    try {
      shard = parseShard(String(d.shard));
    } catch {
      throw bad(file, `shard ${JSON.stringify(d.shard)} is not i/n`);
    }
  }
  return {
    file,
    report: { images, totals: computeTotals(images), warnings },
    shard,
    dryRun: d.dryRun === true
  };
}
function mergeShardReports(parts) {
  if (parts.length === 0) throw new Error("merge-reports: no report files found");
  const counts = new Set(parts.map((p) => p.shard?.count ?? 1));
  if (counts.size > 1) {
    const list2 = parts.map((p) => `${p.file} (${p.shard ? `${p.shard.index}/${p.shard.count}` : "unsharded"})`);
    throw new Error(`merge-reports: the reports come from different splits: ${list2.join(", ")}`);
  }
  const expected = [...counts][0];
  const byIndex = /* @__PURE__ */ new Map();
  for (const p of parts) {
    const i = p.shard?.index ?? 1;
    const other = byIndex.get(i);
    if (other)
      throw new Error(`merge-reports: shard ${i}/${expected} has two reports: ${other.file} and ${p.file}`);
    byIndex.set(i, p);
  }
  const missing = [];
  for (let i = 1; i <= expected; i++) if (!byIndex.has(i)) missing.push(i);
  if (missing.length > 0) {
    const names = missing.map((i) => `${i}/${expected}`);
    throw new Error(
      `merge-reports: ${missing.length} of ${expected} shard reports missing (${names.join(", ")}); their jobs failed or their artifacts were not downloaded`
    );
  }
  const ordered = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
  const images = ordered.flatMap((p) => p.report.images).map((im, seq) => ({ im, seq })).sort(
    (a, b) => (a.im.position?.line ?? 0) - (b.im.position?.line ?? 0) || (a.im.position?.col ?? 0) - (b.im.position?.col ?? 0) || a.seq - b.seq
  ).map((x) => x.im);
  const warnings = [...new Set(ordered.flatMap((p) => p.report.warnings))];
  return {
    report: { images, totals: computeTotals(images), warnings },
    expected,
    files: ordered.map((p) => p.file),
    dryRun: ordered.every((p) => p.dryRun)
  };
}
async function mergeReportFiles(path2) {
  const files = await findReportFiles(path2);
  const parts = [];
  for (const f of files) parts.push(await readShardReport(f));
  return mergeShardReports(parts);
}

export {
  commandSafe,
  terminalSafe,
  escapeHtml,
  mdCode,
  mdText,
  jsonSafe,
  hostDownGroups,
  hostDownLine,
  didYouMean,
  require_dist4 as require_dist,
  importConfig,
  CredentialStore,
  checkCredential,
  noCredentialsWarning,
  parseCredentialsYaml,
  invalidHost,
  MAX_TAGS_CEILING,
  parseMaxTags,
  deleteRefusal,
  tagDigests,
  VERSION,
  RegistryClient,
  MAX_TIMEOUT_MS,
  MAX_IMAGE_TIMEOUT_MS,
  parseDuration,
  parseThroughput,
  DEFAULT_PASSWORD_ENV,
  signEnvNames,
  keyTypeProblem,
  parseConfig,
  loadConfig,
  destinationExists,
  cleanUpFailedCopy,
  parseTransportRef,
  formatTransportRef,
  openSource,
  openDestination,
  parseShard,
  errorMessage,
  exitCodeFor,
  StateStore,
  CopyEngine,
  SignatureVerifier,
  createSigner,
  readLock,
  writeLock,
  nextLock,
  sync,
  sizeShards,
  shardMatrix,
  estimatePlannedBytes,
  formatBytes,
  shortDigest,
  formatImageLine,
  formatTotalsLine,
  formatGroupLines,
  MAX_SUMMARY_BYTES,
  sortForSummary,
  statusLabel,
  buildSummary,
  writeJsonReport,
  mergeReportFiles,
  TransferProgress,
  formatExplanation
};
