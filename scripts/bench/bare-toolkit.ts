// The cold-start baseline, bundled with ncc by cold-start.ts like the action's own build: it only
// loads the packages the action imports, touches an export of each so the bundler keeps them, and
// fails the step as the action does on invalid inputs. cold-start.ts checks that it imports every
// package src/ imports. Keep it plain JavaScript (no type annotations): it is bundled as a .js copy.
import { DefaultArtifactClient } from '@actions/artifact';
import { attest } from '@actions/attest';
import * as cache from '@actions/cache';
import * as core from '@actions/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { getTrustedRoot } from '@sigstore/tuf';
import { Verifier } from '@sigstore/verify';
import { EnvHttpProxyAgent, setGlobalDispatcher } from 'undici';

const touched = [
  DefaultArtifactClient,
  attest,
  cache.isFeatureAvailable,
  core.setFailed,
  retry,
  throttling,
  Octokit,
  bundleFromJSON,
  TrustedRoot.fromJSON,
  getTrustedRoot,
  Verifier,
  EnvHttpProxyAgent,
  setGlobalDispatcher
];
if (touched.some((x) => typeof x !== 'function')) throw new Error('an import of the bare toolkit is not a function');
core.setFailed('x');
