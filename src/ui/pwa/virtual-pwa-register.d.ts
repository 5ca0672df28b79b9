// Types for `virtual:pwa-register` (vite-plugin-pwa's plain, framework-free register API).
/// <reference types="vite-plugin-pwa/vanillajs" />
