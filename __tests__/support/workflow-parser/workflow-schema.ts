// What @actions/workflow-parser's `import WorkflowSchema from "../workflow-v1.0.min.json"` gets
// under Jest (see moduleNameMapper in jest.config.js): the same file, imported with its attribute.
import schema from '../../../node_modules/@actions/workflow-parser/dist/workflow-v1.0.min.json' with { type: 'json' };

export default schema;
