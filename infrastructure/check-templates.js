#!/usr/bin/env node
// Checks the native CloudFormation resources of SAM templates against AWS's resource specification
// (@aws-cdk/aws-service-spec, offline; DEPENDENCIES.md 6): every resource type exists, every property is
// one the type has (at every nesting level the spec describes), required properties are there, allowed
// values are respected, and every Fn::GetAtt names an attribute the target type has. SAM resources
// (AWS::Serverless::*) and custom resources are left to InfrastructureTemplateTest, which knows SAM.
// Usage: node check-templates.js template.yaml [more.yaml ...]; exits 1 listing every problem found.
'use strict';
const fs = require('fs');
const { yamlParse } = require('yaml-cfn');
const { loadAwsServiceSpecSync } = require('@aws-cdk/aws-service-spec');

const db = loadAwsServiceSpecSync();
const INTRINSICS = new Set(['Ref', 'Fn::GetAtt', 'Fn::Sub', 'Fn::Join', 'Fn::If', 'Fn::Select', 'Fn::GetAZs',
  'Fn::Split', 'Fn::ImportValue', 'Fn::FindInMap', 'Fn::Base64', 'Fn::Cidr', 'Fn::Equals', 'Fn::Not',
  'Fn::And', 'Fn::Or', 'Fn::Length', 'Fn::ToJsonString']);
// What SAM's transform adds to a function or state machine: these names are valid GetAtt/Ref targets.
const SAM_ATTRIBUTES = {
  'AWS::Serverless::Function': ['Arn'],
  'AWS::Serverless::StateMachine': ['Arn', 'Name'],
  'AWS::Serverless::Api': ['RootResourceId'],
};

function isIntrinsic(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && INTRINSICS.has(keys[0]);
}

function resourceSpec(type) {
  const found = db.lookup('resource', 'cloudFormationType', 'equals', type);
  return found.length === 1 ? found[0] : null;
}

function checkValue(type, value, path, problems) {
  if (value === undefined || value === null || isIntrinsic(value)) return;
  switch (type.type) {
    case 'ref': {
      const def = db.get('typeDefinition', type.reference);
      if (typeof value !== 'object' || Array.isArray(value)) {
        problems.push(`${path}: expected an object (${def.name})`);
        return;
      }
      checkProperties(def.properties, value, path, problems);
      return;
    }
    case 'array':
      if (!Array.isArray(value)) {
        problems.push(`${path}: expected a list`);
        return;
      }
      value.forEach((element, i) => checkValue(type.element, element, `${path}[${i}]`, problems));
      return;
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) {
        problems.push(`${path}: expected a map`);
        return;
      }
      for (const [k, v] of Object.entries(value)) checkValue(type.element, v, `${path}.${k}`, problems);
      return;
    case 'union':
      // accepted if any member would accept it
      for (const member of type.types) {
        const attempt = [];
        checkValue(member, value, path, attempt);
        if (attempt.length === 0) return;
      }
      problems.push(`${path}: matches none of its allowed shapes`);
      return;
    case 'string':
      if (typeof value === 'object') problems.push(`${path}: expected a string`);
      else if (type.allowedValues && !type.allowedValues.includes(String(value))) {
        problems.push(`${path}: '${value}' is not one of ${type.allowedValues.join(', ')}`);
      }
      return;
    case 'integer':
    case 'number':
      if (typeof value === 'object' || Number.isNaN(Number(value))) problems.push(`${path}: expected a number`);
      return;
    case 'boolean':
      if (typeof value === 'object' || !['true', 'false'].includes(String(value))) {
        problems.push(`${path}: expected true or false`);
      }
      return;
    default:
      return; // json, tag, date-time...: any shape
  }
}

function checkProperties(specProperties, given, path, problems) {
  for (const [name, value] of Object.entries(given)) {
    const spec = specProperties[name];
    if (!spec) {
      problems.push(`${path}.${name}: no such property`);
      continue;
    }
    checkValue(spec.type, value, `${path}.${name}`, problems);
  }
  for (const [name, spec] of Object.entries(specProperties)) {
    if (spec.required && !(name in given)) problems.push(`${path}.${name}: required property missing`);
  }
}

function walkGetAtts(node, visit) {
  if (Array.isArray(node)) {
    node.forEach((n) => walkGetAtts(n, visit));
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'Fn::GetAtt') visit(Array.isArray(v) ? v : String(v).split(/\.(.*)/s).slice(0, 2));
      else if (k === 'Fn::Sub') {
        const text = Array.isArray(v) ? v[0] : v;
        for (const m of String(text).matchAll(/\$\{([A-Za-z0-9]+)\.([A-Za-z0-9.]+)\}/g)) visit([m[1], m[2]]);
        if (Array.isArray(v)) walkGetAtts(v[1], visit);
      } else walkGetAtts(v, visit);
    }
  }
}

function checkTemplate(file) {
  const template = yamlParse(fs.readFileSync(file, 'utf8'));
  const problems = [];
  const resources = template.Resources || {};
  let checked = 0;
  for (const [id, resource] of Object.entries(resources)) {
    const type = resource.Type;
    if (type.startsWith('AWS::Serverless::') || type.startsWith('Custom::')) continue;
    const spec = resourceSpec(type);
    if (!spec) {
      problems.push(`${id}: unknown resource type ${type}`);
      continue;
    }
    checked++;
    checkProperties(spec.properties, resource.Properties || {}, id, problems);
  }
  walkGetAtts(template, ([target, attribute]) => {
    const resource = resources[target];
    if (!resource) {
      problems.push(`GetAtt ${target}.${attribute}: no such resource`);
      return;
    }
    const type = resource.Type;
    if (type.startsWith('Custom::')) return; // a custom resource answers what its handler puts in Data
    if (SAM_ATTRIBUTES[type]) {
      if (!SAM_ATTRIBUTES[type].includes(attribute)) problems.push(`GetAtt ${target}.${attribute}: ${type} has no such attribute`);
      return;
    }
    const spec = resourceSpec(type);
    if (spec && !(attribute in spec.attributes)) problems.push(`GetAtt ${target}.${attribute}: ${type} has no such attribute`);
  });
  return { checked, problems };
}

let failed = false;
for (const file of process.argv.slice(2)) {
  const { checked, problems } = checkTemplate(file);
  if (problems.length > 0) {
    failed = true;
    console.error(`${file}: ${problems.length} problem(s)`);
    problems.forEach((p) => console.error(`  ${p}`));
  } else {
    console.log(`${file}: ${checked} native resources match the CloudFormation resource specification`);
  }
}
process.exit(failed ? 1 : 0);
