/** `global::response-cache` (config/middlewares.ts): the response cache lives in src/response-cache/. */
export { default } from '../response-cache/middleware';
