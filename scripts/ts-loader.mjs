// Lets `node` run the TypeScript benchmarks directly (tsx registers the loader).
import { register } from 'tsx/esm/api'
register()
