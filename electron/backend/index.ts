import { openBackend } from '../../db/backend.ts';
console.log(typeof openBackend);
