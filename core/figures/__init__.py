"""Figure extraction: every quantitative claim in a document as a ``Figure``, with the rules that
decided it.

Stages, one module each, run per sentence piece by ``pipeline.extract_figures``:

- ``lexicon``  — the one cached loader of all cue data (``cues()``: ``core/data/figure_cues.json``
  with the hedge words of ``hedges()``: ``core/data/hedges.json``, shared with ``core.targets``);
- ``numbers``  — number spans: exclusion masks, numeral values (Arabic, Chinese, mixed, fractions),
  numbers that are not claims (thresholds, layouts, list restatements);
- ``units``    — the unit or classifier of a number, its magnitude, units that start another word;
- ``clauses``  — clause bounds and the jieba tags of each clause, cut once (``ClausePos``);
- ``measure``  — level / growth / share / difference / progress / count_new, sign, comparison base;
- ``phrase``   — the indicator phrase: left, right of a classifier, membership object, relative
  clause, inheritance, 分别 groups;
- ``timing``   — the period of a figure from its own words against the document clock (``core.clock``),
  and its fallbacks by kind;
- ``modality`` — actual, estimate or target (cues, tense, lists, sections and paragraph modes);
- ``kind``     — hedges (the qualifier), scope, a target's deadline;
- ``ranks``    — rank claims and their subjects;
- ``draft``    — a figure while its sentence is read;
- ``pipeline`` — the order of the stages, and the taxonomy id at the end.

Qualifier convention: hedge words joined by ";" in reading order, a target's own hedge first
("力争;突破", "确保;以上", "多"); a range "1—2个" is two figures, 1 (区间下限) and 2个 (区间上限).
Fractions written in words are ratios (四分之一 = 0.25, unit ""), written a/b percentages (2/3 = 66.67 %).

Rule trace (``Figure.rules``): the names of the rules that decided a figure, in decision order.
A name is a stable ASCII identifier ``stage:decision[:reason]``; it may end in ``=word``, the
word of the text (or unit, scope, id) that fired it, e.g. ``kind:target:cue=力争``. Vocabulary:

- number: ``number:arabic``, ``number:chinese``, ``number:fraction``, ``number:percent_words``
  (百分之…), ``number:small_magnitude`` (a 千/百 after the numeral), ``number:range``,
  ``number:zero_breakthrough`` (零的突破: value 0), ``number:bare_magnitude`` (突破万亿元: 1 万亿元),
  ``number:ratio_part`` (结构为9.3:37.0:53.7), ``number:index_score`` (发展指数89.0), ``number:double_digit`` (两位数增长: 10 %, qualifier 两位数),
  ``number:quoted_quantity`` (a money/percent figure inside quotes); ``range:as_lower_end`` (the
  upper end of a range takes the kind, measure and phrase of its lower end);
- unit: ``unit:<class>=<unit>`` (class percent, points, count, money, physical, ratio),
  ``unit:magnitude=<万|亿|万亿>``, ``unit:percent_words``, ``unit:fraction_percent``,
  ``unit:shared_by_list`` (6.6和4.6个百分点), ``unit:magnitude_only=<亿|万亿>`` (1923.5亿);
- measure: ``measure:difference:points_unit``, ``measure:progress:cue``,
  ``measure:growth:cue_before|cue_after|goal|multiple_of|list_item`` (goal: 经济增长预期目标为7%),
  ``measure:share:unit|share_word|of_whole|after|fraction|list_item|taxonomy|indicator_word`` (unit: 七成),
  ``measure:count_new:new_cue=<cue>``, ``measure:count_new:list_continues=<cue>``,
  ``measure:level:default``, ``measure:<m>:fixed``; ``compare:cue``, ``compare:multiple_of``;
  ``value:negative:decline``, ``value:negative:list_item``;
- phrase: ``phrase:left``, ``phrase:left:before_paren``, ``phrase:left:around_paren`` (a note
  X(不含Y,下同)N split the clause), ``phrase:own_subject``,
  ``phrase:right:list_item|no_noun|verb_end|place_only`` (why the left words were not used),
  ``phrase:right:capacity`` (日产N吨X: X's daily capacity),
  ``phrase:right:classifier_head=<head>``, ``phrase:right:share_predicate``,
  ``phrase:member_object``, ``phrase:member_object:with_head``, ``phrase:relative_clause``,
  ``phrase:metric_of_previous_count`` (项目438个，实现产值N: those projects' output),
  ``phrase:inherit:comparison|list_item|no_noun|bare_quantity|share_of_previous|share_of_scope|residue``
  (to be taken from the figure before; residue: the left words were only 比上年, 快, 年均 …),
  ``phrase:inherited`` (taken), ``phrase:respectively`` (a 分别 subject),
  ``phrase:respectively:previous_figures`` (分别 without subjects: the figures listed before),
  ``phrase:zero_breakthrough:left|object_before``, ``phrase:damaged_tail``;
- kind (``core.figures.modality``): ``kind:target:deadline_phrase`` (到2025年… before the number),
  ``kind:actual:past_deadline`` (到2025年 already past, no proposal cue: 从…提高到2025年的14万元),
  ``kind:target:project_capacity`` (建设日产6200吨…生产线), ``kind:actual:in_year_period=<w>`` (1-10月…),
  ``kind:target:cue=<cue>``, ``kind:actual:past_period_after_cue`` (将…，去年完成…),
  ``kind:estimate:cue=<cue>`` (预计/初步核算 of a period over; ``…:undated`` for the year an undated
  text names last), ``kind:target:forecast=<cue>`` (预计 of a period to come), ``kind:actual:cue=<cue>``,
  ``kind:target:goal_after`` (…的目标, 按3%安排), ``kind:actual:period_before_reference_date``,
  ``kind:target:period_after_reference_date``, ``kind:target:year_not_over`` (a rate of a year not yet over), ``kind:target:list_item`` (an item of a list opened by a
  target lead), ``kind:target:continuation|continues_sentence`` and
  ``kind:estimate:continuation|continues_sentence`` (其中…, or a cue-less sentence after targets or
  estimates), ``kind:target:plan_paragraph``, ``kind:actual:review_paragraph``,
  ``kind:actual:weak_cue=<w>`` (同比, 上年), ``kind:actual:default`` (nothing decided: low confidence);
- hedge: ``hedge:target=<w>``, ``hedge:before=<w>``, ``hedge:inner=<w>``, ``hedge:after=<w>``,
  ``hedge:range:lower``, ``hedge:range:upper`` (区间下限/区间上限), ``hedge:zero_breakthrough``;
- scope: ``scope:word=<w>``, ``scope:rank=<w>``, ``scope:relative``;
- deadline and period (``core.figures.timing``): ``deadline:before``, ``deadline:after``,
  ``deadline:document_year``, ``deadline:own_period`` (到“十四五”末: the end of the figure's own
  period), ``deadline:section_horizon`` (a plan section opened by 到2026年，…), ``period:sentence``, ``period:deadline`` (a rank aimed at, dated by its
  deadline), ``period:average`` (年均: an average over years),
  ``identify:period:paragraph|section|document|deadline`` (where a period the sentence does not
  name came from);
- from -> to: ``fromto:from`` (the starting value), ``fromto:to`` (carries ``baseline_value``),
  ``phrase:from_to``;
- rank: ``rank:pattern``, ``rank:lead`` (领跑全国), ``rank:size`` (第二经济大市), ``rank:tier``
  (第一方阵/梯队), ``rank:top_n`` (前N, N强), ``rank:subject:own|earlier_clause|figure_before|none``,
  ``rank:subject:each_listed``; a change of rank (提升3个位次): ``measure:difference:rank_move``,
  ``kind:rank:rank_move``, ``hedge:rank_move``, ``phrase:rank_move:of_rank``;
- indicator: ``indicator:taxonomy``, ``indicator:unmatched``;
- identify (``core.identity``, appended after extraction): ``identify:indicator:exact|fuzzy|elliptic|none``,
  ``identify:level=<level>``, ``identify:subset:modifier|population|clause``,
  ``identify:label:taxonomy``, ``identify:contribution``, ``identify:base=<base>``, ``identify:region=<place>``.

A new rule gets a new name here; a name never changes meaning.
"""
from core.figures.lexicon import cues
from core.figures.pipeline import extract_figures

__all__ = ["cues", "extract_figures"]
