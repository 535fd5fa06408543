export default {
  default: {},
  validator() {},
};