/** Minimal typings for the parts of jStat capplan uses (jstat ships no types). */
declare module 'jstat' {
  interface ContinuousDist {
    cdf(x: number, ...params: number[]): number;
    inv(p: number, ...params: number[]): number;
    pdf(x: number, ...params: number[]): number;
  }
  /** jstat is CommonJS: its ESM default export is `module.exports`, which holds `jStat`. */
  const jstat: {
    jStat: {
      studentt: ContinuousDist;
      normal: ContinuousDist;
      chisquare: ContinuousDist;
      centralF: ContinuousDist;
    };
  };
  export default jstat;
}
