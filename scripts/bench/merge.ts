// STAND-IN for the merge benchmark, which is written on main (issue 6): it will time merging many
// events into day files and print {"events","eventsPerSecond","peakRssMb"} as its last line with
// --json. Until then this prints zeros, and `npm run bench` says the figure is a stand-in.
const figures = { events: 0, eventsPerSecond: 0, peakRssMb: 0 };
if (!process.argv.includes('--json')) console.log('Merge benchmark: not written yet (this is a stand-in).');
console.log(JSON.stringify(figures));
