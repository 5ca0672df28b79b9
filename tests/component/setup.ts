import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';

// jsdom has no canvas: answer "no 2D context" quietly, as a browser without canvas would.
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

// Two busy cores, and screens loaded on first visit (their own chunks): findBy… and waitFor wait up
// to 5 s by default rather than 1 s, so a slow moment is not a failure. A test that needs longer says so.
import { configure } from '@testing-library/svelte';
configure({ asyncUtilTimeout: 5_000 });
