export const id = 561;
export const ids = [561];
export const modules = {

/***/ 48561:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BranchDestination: () => (/* binding */ BranchDestination)
/* harmony export */ });
/* harmony import */ var _branch_writer_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(29810);

/** What to do when a rule refuses the data branch. */
const RULE_HELP = `Use \`destination: pull-request\` to propose the events as a pull request instead, or exempt this workflow from the rule.`;
class BranchDestination {
    name = 'branch';
    keepsRecord = true;
    writer;
    constructor(options) {
        this.writer = new _branch_writer_js__WEBPACK_IMPORTED_MODULE_0__/* .BranchWriter */ .S({ ...options, ruleHelp: RULE_HELP });
    }
    readCheckpoint() {
        return this.writer.readCheckpoint();
    }
    store(request) {
        return this.writer.store(request);
    }
}


/***/ })

};
