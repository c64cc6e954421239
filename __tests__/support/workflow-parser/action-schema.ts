// What @actions/workflow-parser's `import ActionSchema from "../action-v1.0.min.json"` gets
// under Jest (see moduleNameMapper in jest.config.js): the same file, imported with its attribute.
import schema from '../../../node_modules/@actions/workflow-parser/dist/action-v1.0.min.json' with { type: 'json' };

export default schema;
