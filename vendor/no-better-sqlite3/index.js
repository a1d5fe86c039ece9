// See package.json: Relance opens corgi's vPIC database with node:sqlite (src/vpic/), so this
// constructor is never called; corgi's entry only imports it.
module.exports = function Database() {
  throw new Error(
    'better-sqlite3 is not installed in Relance: src/vpic/vpic-database.ts opens the vPIC file',
  );
};
