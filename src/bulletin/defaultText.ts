/**
 * 五、下一步工作要求 when the coordinator has not written their own: a draft to edit, in the usual wording of such
 * circulars. A paragraph starting with （一）… up to the first 。 gets that part set as a subheading.
 */
export function defaultRequirements(programme: string): string[] {
  return [
    `（一）提高思想认识，压实工作责任。各单位要充分认识“${programme}”建设工作的重要意义，主要负责同志要亲自研究部署，明确责任部门和责任人，对照年度任务逐项梳理，确保各项任务按时序进度推进。`,
    '（二）聚焦薄弱环节，加快工作进度。进度滞后的单位要认真分析原因，制定针对性措施，倒排工期、挂图作战，尽快赶上应达进度；进度预警的单位要防止进一步落后；进度较快的单位要保持工作力度，在保证质量的前提下争取超额完成任务。',
    '（三）严格数据报送，确保真实准确。各单位要按照通知要求，于每月规定时间前报送任务进度情况表，做到数据真实、口径一致、累计数据前后衔接；未按时报送的单位要及时补报，并说明原因。',
    '（四）加强督促指导，强化结果运用。我们将继续按月通报各单位任务进度，对进度滞后、报送不及时的单位进行督导提醒，有关情况纳入年度工作考核。',
  ];
}
