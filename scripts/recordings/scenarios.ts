/**
 * The scenarios behind the shipped recordings. Each describes arrivals and processing times per
 * minute and the target's desired count per tick, and the models in this folder derive the rest.
 * The desired counts are scripted as what the scaler would plausibly have set one tick earlier.
 * The fleet is not a closed loop, so it never reacts to the decisions of a replay.
 */
import { around } from './noise.js';
import { SDXL_GROUP, sdxlPool, UPSCALE_GROUP, upscalePool, WHISPER_SERVICE, whisperPool } from './pools.js';
import type { PoolScenario, Scenario } from './scenario.js';

/** Rounds `base ± spread` to a whole number of messages for one minute. */
function messages(seed: string, minute: number, base: number, spread: number): number {
  return Math.max(0, Math.round(around(seed, `sent:${minute}`, base, spread)));
}

function seconds(seed: string, minute: number, base: number, spread: number): number {
  return Math.round(around(seed, `processing:${minute}`, base, spread) * 100) / 100;
}

/** SDXL at about 2 images per second, rising to 2.5 from minute 4: 8 workers, then a 9th. */
const steadySdxl: PoolScenario = {
  pool: sdxlPool(),
  fleet: { group: SDXL_GROUP },
  arrivals: (minute) => messages('steady', minute, minute < 4 ? 120 : 157, 8),
  processingSeconds: (minute) => seconds('steady', minute, 3.1, 0.12),
  desired: (tick) => (tick <= 5 ? 8 : 9),
  history: true,
};

const steadyDay: Scenario = {
  name: 'steady-day',
  description:
    'Daytime SDXL load on an Auto Scaling group: about 2 images/s on 8 workers; from 14:04 the rate rises to about 2.5/s, ' +
    'the group is set to 9 at 14:05 and the new instance stays Pending for its 3-minute warm-up while a backlog of up to 26 images ' +
    'builds; it drains once the instance is InService.',
  firstTick: '2025-03-11T14:00:20Z',
  tickCount: 12,
  pools: [steadySdxl],
  notes: {
    0: '8 workers InService, about 2 images/s.',
    5: 'The rate of minute 14:04 reads about 2.5 images/s, near the capacity of 8 workers.',
    6: 'DesiredCapacity 9: one instance Pending (warm-up 180 s).',
    9: 'The 9th instance is InService.',
  },
};

const burstFromZero: Scenario = {
  name: 'burst-from-zero',
  description:
    'An SDXL pool idle at 0 receives a batch of 240 images at 08:00:02; CloudWatch has no AWS/SQS datapoints before it. ' +
    'The group is set to 4 and the instances boot for 7 minutes while the queue still reads 240; then the backlog drains.',
  firstTick: '2025-03-11T08:00:20Z',
  tickCount: 12,
  pools: [
    {
      pool: sdxlPool({ worker: { concurrency: 1, warmupSeconds: 420 } }),
      fleet: { group: SDXL_GROUP },
      arrivals: (minute) => (minute === 0 ? { count: 240, fromSecond: 2, toSecond: 12 } : 0),
      processingSeconds: (minute) => seconds('burst', minute, 3, 0.1),
      coldStartFactor: 3.5,
      desired: (tick) => (tick <= 0 ? 0 : 4),
      sqsMetricsFromMinute: 0,
      history: true,
    },
  ],
  notes: {
    0: 'V=240 from GetQueueAttributes, no AWS/SQS datapoints yet, group at 0.',
    1: 'DesiredCapacity 4: four instances Pending (boot plus model load about 7 minutes).',
    7: 'Last tick with the four instances Pending; the oldest image is over 7 minutes old.',
    8: 'Four instances InService; their first images are slow (cold GPU).',
  },
};

/** Returns the largest recommendation of the 5 ticks before `tick`: a 300-second scale-in stabilization window. */
function stabilized(recommended: (tick: number) => number, tick: number): number {
  return Math.max(...[5, 4, 3, 2, 1].map((back) => recommended(tick - back)));
}

/**
 * Campaign burst of 600 images per minute from minute -11 to -6 on a pool of 6 at 1.5 images/s.
 * The group's MaxSize of 16 caps it. While the oldest image is older than the SLA the scaler
 * recommends the maximum; from tick 7 the keep-up need of about 6 workers remains.
 */
const drainingRecommended = (tick: number) => (tick <= 6 ? 16 : 6);
const drainingSdxl: PoolScenario = {
  pool: sdxlPool(),
  fleet: { group: { ...SDXL_GROUP, max: 16 } },
  arrivals: (minute) => messages('draining', minute, minute >= -11 && minute <= -6 ? 600 : 90, 6),
  processingSeconds: (minute) => seconds('draining', minute, 3.1, 0.12),
  recommended: drainingRecommended,
  // Scale-in takes the window's largest recommendation and removes at most 5 workers (maxStepDown) per tick.
  desired: (tick) => {
    if (tick <= -11) return 6;
    if (tick <= 11) return 16;
    return tick === 12 ? 11 : stabilized(drainingRecommended, tick);
  },
  history: true,
};

const backlogDraining: Scenario = {
  name: 'backlog-draining',
  description:
    'After a 6-minute campaign burst the SDXL group runs at its MaxSize of 16 with about 1250 images waiting, the oldest ' +
    'older than the 180 s SLA. The backlog is gone by 17:26; the group holds 16 through the 5-minute scale-in ' +
    'stabilization window, then steps down by at most 5 per tick: 16, 11, 6.',
  firstTick: '2025-03-11T17:20:20Z',
  tickCount: 15,
  pools: [drainingSdxl],
  notes: {
    0: 'Backlog of about 1250 images; the oldest is over 6 minutes old.',
    6: 'Backlog drained; only images in flight remain.',
    12: 'Stabilization window passed: DesiredCapacity 11, five instances Terminating.',
    13: 'DesiredCapacity 6.',
  },
};

/**
 * Describes an evening queue winding down. The last images arrive just before the ticks at 22:40 and
 * 22:41, so those ticks see them. From 22:42 the queue is empty and the recommendation is 0.
 */
function quietRecommended(tick: number): number {
  if (tick <= -6) return 4;
  if (tick <= -3) return 3;
  if (tick <= 0) return 2;
  return tick === 1 ? 1 : 0;
}
const QUIET_ARRIVALS = [20, 14, 10, 8, 5, 4];
const quietUpscale: PoolScenario = {
  pool: upscalePool(),
  fleet: { group: UPSCALE_GROUP },
  arrivals: (minute) => {
    if (minute < -6) return messages('quiet', minute, 40, 5);
    if (minute < 0) return QUIET_ARRIVALS[minute + 6] ?? 0;
    if (minute === 0) return { count: 3, fromSecond: 14, toSecond: 20 };
    return minute === 1 ? { count: 2, fromSecond: 12, toSecond: 19 } : 0;
  },
  processingSeconds: (minute) => seconds('quiet', minute, 4.5, 0.2),
  recommended: quietRecommended,
  // Until the 10-minute idle window has read QueueWork 0 (ticks 2 to 11), at least one worker stays.
  desired: (tick) => (tick >= 13 ? 0 : Math.max(1, stabilized(quietRecommended, tick))),
  history: true,
};

const quietToZero: Scenario = {
  name: 'quiet-to-zero',
  description:
    'An upscaling pool of 3 as its evening queue goes quiet: the last images are done by 22:42, the group steps down to 1 ' +
    'as the 5-minute stabilization window passes, and once QueueWork has read 0 for the whole 10-minute idle window it goes to 0.',
  firstTick: '2025-03-11T22:40:20Z',
  tickCount: 15,
  pools: [quietUpscale],
  notes: {
    2: 'Queue empty: nothing visible, in flight or delayed.',
    6: 'DesiredCapacity 1: the idle window keeps one worker.',
    12: 'QueueWork has read 0 for every minute of the idle window (22:42 to 22:51).',
    13: 'DesiredCapacity 0: the last instance is Terminating.',
  },
};

/** Whisper at about 0.6 files/s on 4 tasks. From `riseMinute` about 0.85 files/s arrive, more than the 0.8 files/s 4 tasks finish. */
const whisper = (seed: string, riseMinute: number): PoolScenario => ({
  pool: whisperPool(),
  fleet: { service: WHISPER_SERVICE },
  arrivals: (minute) => messages(seed, minute, minute < riseMinute ? 36 : 52, 4),
  processingSeconds: (minute) => seconds(seed, minute, 20, 1.2),
  desired: (tick) => (tick <= 7 ? 4 : 5),
  history: false,
});

const ecsPool: Scenario = {
  name: 'ecs-pool',
  description:
    'A Whisper ECS service (4 tasks of 4 files each, scalable target 1 to 10) during a rolling deployment from task definition ' +
    'revision 1 to 2: two deployments from 10:34 to 10:37, while the rate rises from 0.6 to about 0.85 files/s; the service is set to 5 at 10:38. ' +
    'Recorded before the scaler was deployed, so its own history metrics are absent.',
  firstTick: '2025-03-11T10:30:20Z',
  tickCount: 10,
  pools: [{ ...whisper('ecs', 5), deployments: [{ afterTick: 3, revision: 2 }] }],
  notes: {
    4: 'Rolling deployment: PRIMARY (revision 2) has 4 tasks pending, ACTIVE (revision 1) still runs 4.',
    8: 'Deployment completed; desiredCount 5 with one task pending.',
  },
};

const faultThrottled: Scenario = {
  name: 'fault-throttled',
  description:
    'Two pools, an SDXL Auto Scaling group and a Whisper ECS service, both steady. On the third tick DescribeAutoScalingGroups ' +
    'is throttled for sdxl-workers: that pool reports the error while the ECS pool decides as usual; the next tick reads it again.',
  firstTick: '2025-03-11T15:10:20Z',
  tickCount: 6,
  pools: [
    {
      ...steadySdxl,
      arrivals: (minute) => messages('fault', minute, 120, 8),
      processingSeconds: (minute) => seconds('fault', minute, 3.1, 0.12),
      desired: () => 8,
    },
    { ...whisper('fault', 100), desired: () => 4, history: true },
  ],
  faults: {
    2: [{ command: 'DescribeAutoScalingGroupsCommand', resource: 'sdxl-workers', code: 'Throttling', message: 'Rate exceeded' }],
  },
};

export const SCENARIOS: Scenario[] = [steadyDay, burstFromZero, backlogDraining, quietToZero, ecsPool, faultThrottled];
