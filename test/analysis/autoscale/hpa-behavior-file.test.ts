import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import { parseHpaBehaviorFile } from '../../../src/analysis/autoscale/hpa-behavior-file.js';

function issues(text: string): string[] {
  try {
    parseHpaBehaviorFile(text, 'hpa.yaml');
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => `${i.line}: ${i.path}: ${i.message}`);
    throw e;
  }
  return [];
}

const MANIFEST = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 2
  maxReplicas: 30
  metrics:
  - type: Resource
    resource:
      name: cpu
      target: { type: Utilization, averageUtilization: 70 }
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 120
      policies:
      - type: Percent
        value: 10
        periodSeconds: 60
`;

describe('HPA behaviour file', () => {
  it('reads a whole manifest: behaviour, min, max and the CPU target', () => {
    expect(parseHpaBehaviorFile(MANIFEST, 'hpa.yaml')).toEqual({
      behavior: { scaleDown: { stabilizationWindowSeconds: 120, policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] } },
      minReplicas: 2,
      maxReplicas: 30,
      targetUtilisation: 0.7,
    });
  });

  it('reads a top-level behavior: block and a bare scaleUp:', () => {
    expect(parseHpaBehaviorFile('behavior:\n  scaleDown:\n    selectPolicy: Disabled\n', 'b.yaml')).toEqual({ behavior: { scaleDown: { selectPolicy: 'Disabled' } } });
    expect(parseHpaBehaviorFile('scaleUp:\n  stabilizationWindowSeconds: 30\n', 'b.yaml')).toEqual({ behavior: { scaleUp: { stabilizationWindowSeconds: 30 } } });
  });

  it('reports every problem with its path and line, as the API server would refuse it', () => {
    const text = `behavior:
  scaleDown:
    stabilizationWindowSeconds: 4000
    selectPolicy: Maximum
    policies:
    - type: Pod
      value: 0
      periodSeconds: 15
  scaleUP: {}
`;
    expect(issues(text)).toEqual([
      expect.stringMatching(/^3: behavior\.scaleDown\.stabilizationWindowSeconds: must be ≤ 3600/),
      expect.stringMatching(/^4: behavior\.scaleDown\.selectPolicy: expected one of Max, Min, Disabled/),
      expect.stringMatching(/^6: behavior\.scaleDown\.policies\[0\]\.type: expected one of Pods, Percent/),
      expect.stringMatching(/^7: behavior\.scaleDown\.policies\[0\]\.value: must be > 0/),
      expect.stringMatching(/^9: behavior\.scaleUP: unknown key "scaleUP".*scaleUp/),
    ]);
  });

  it('refuses a document that is not a mapping, and YAML syntax errors', () => {
    expect(issues('- 1\n- 2\n')).toEqual([expect.stringMatching(/expected a mapping/)]);
    expect(issues('behavior: [\n')[0]).toMatch(/YAML syntax error/);
  });
});
