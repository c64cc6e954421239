// The action's version, as package.json gives it (a test holds the two together); recorded in each ledger line.
export const ACTION_VERSION = '1.0.0';
