// Jest's TypeScript transform: strips types only (tsc checks them in `npm run typecheck`).
module.exports = {
  presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
};
