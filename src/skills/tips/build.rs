//! Building the tip index: compiling every skill's declared tips (regexes, structural rules,
//! their problems) and implicit tips (the bad examples of skills nobody annotated), then
//! grouping them per language for [`TipIndex::find`](super::TipIndex).

use super::*;

impl TipIndex {
    /// Compile every declared and implicit tip of `skills`. Problems (bad regex, bad YAML in a
    /// trigger) are returned with the index of the skill they belong to.
    pub fn build(skills: &[Skill]) -> (TipIndex, Vec<(usize, Problem)>) {
        let owners: Vec<SkillId> = (0..skills.len()).collect();
        Self::build_owned(skills, &owners)
    }

    /// [`TipIndex::build`] where the tips of skill `i` are raised for, and named after,
    /// `skills[owners[i]]` (see [`Tip::owner`]).
    pub fn build_owned(skills: &[Skill], owners: &[SkillId]) -> (TipIndex, Vec<(usize, Problem)>) {
        let mut tips = Vec::new();
        let mut problems = Vec::new();
        let mut implicit_lines: Vec<(usize, Vec<String>)> = Vec::new();
        for (si, skill) in skills.iter().enumerate() {
            let owner = owners.get(si).copied().unwrap_or(si);
            let name: Arc<str> = Arc::from(skills[owner].name.as_str());
            let mut ids = HashSet::new();
            let mut annotated = false;
            for (sec_i, sec) in skill.sections.iter().enumerate() {
                for (line, raw) in &sec.comments {
                    let Some((decls, issues)) = trigger::parse(*line, raw) else {
                        continue;
                    };
                    annotated = true;
                    for is in issues {
                        problems.push((
                            si,
                            Problem {
                                path: skill.path.clone(),
                                line: is.line,
                                severity: is.severity,
                                code: is.code,
                                message: is.message,
                            },
                        ));
                    }
                    for d in decls {
                        if !ids.insert(d.id.clone()) {
                            problems.push((
                                si,
                                Problem {
                                    path: skill.path.clone(),
                                    line: d.line,
                                    severity: Severity::Error,
                                    code: "tip-duplicate-id",
                                    message: format!(
                                        "tip id `{}` is used twice in this skill",
                                        d.id
                                    ),
                                },
                            ));
                            continue;
                        }
                        let languages = d
                            .languages
                            .clone()
                            .unwrap_or_else(|| skill.languages.clone());
                        let rule = match &d.structural {
                            None => None,
                            Some(spec) => {
                                match structural_rule(&d.id, spec, &languages, skill.is_builtin()) {
                                    Ok(r) => Some(Arc::new(r)),
                                    Err(message) => {
                                        problems.push((
                                            si,
                                            Problem {
                                                path: skill.path.clone(),
                                                line: d.line,
                                                severity: Severity::Error,
                                                code: "tip-bad-rule",
                                                message: format!("tip `{}`: {message}", d.id),
                                            },
                                        ));
                                        continue;
                                    }
                                }
                            }
                        };
                        let ascii = trigger::ascii_boundaries(&d.pattern);
                        let mut context = d.context;
                        if !d.tests.unwrap_or(!security_skill(skill))
                            && !context.contains(&Context::NotTest)
                        {
                            context.push(Context::NotTest);
                        }
                        // Checked to compile when read; compiled on first use.
                        let re = LazyRegex::new(d.pattern.clone());
                        let matcher = if rule.is_some() && d.pattern.is_empty() {
                            Matcher::Structural
                        } else if d.span {
                            Matcher::Span {
                                pre: LazyRegex::new(ascii),
                                re,
                            }
                        } else {
                            Matcher::Line {
                                re,
                                ml: LazyRegex::new(format!("(?mR:{ascii})")),
                            }
                        };
                        tips.push(Tip {
                            skill: si,
                            owner,
                            skill_name: name.clone(),
                            section: sec_i,
                            id: Arc::from(format!("{name}/{}", d.id)),
                            message: Arc::from(d.message),
                            severity: d.severity,
                            kind: TipKind::Declared,
                            diagnostic: d.diagnostic,
                            line: d.line,
                            windowable: trigger::is_windowable(&d.pattern),
                            pattern: Some(d.pattern).filter(|p| !p.is_empty()),
                            languages,
                            matcher,
                            // Validated like `re`; compiled on first use (a Unicode-aware
                            // regex held compiled costs ~25 KB, most never run).
                            not: d.not.map(|p| Box::new(LazyRegex::new(p))),
                            unless: d.unless.map(|p| Box::new(LazyRegex::new(p))),
                            requires: d.requires.map(|p| Box::new(LazyRegex::new(p))),
                            paths: d.paths.map(Box::new),
                            path_globs: d.path_globs,
                            exclude: d.exclude.map(Box::new),
                            context,
                            equivalents: d.equivalents.into_iter().map(Arc::from).collect(),
                            fix: d.fix,
                            structural: rule,
                            precision: d.precision,
                            measured: d.measured,
                            demoted: d.demoted,
                        });
                    }
                }
            }
            if annotated {
                continue;
            }
            for d in implicit::derive(skill) {
                let sec = &skill.sections[d.section];
                let slug = sec.anchor();
                let slug = if slug.is_empty() {
                    format!("section-{}", d.section)
                } else {
                    slug
                };
                tips.push(Tip {
                    skill: si,
                    owner,
                    skill_name: name.clone(),
                    section: d.section,
                    id: Arc::from(format!("{name}/{slug}")),
                    message: Arc::from(implicit_message(sec.title(), &sec.prose)),
                    severity: Severity::Hint,
                    kind: TipKind::Implicit,
                    diagnostic: true,
                    line: d.line,
                    pattern: None,
                    languages: d.languages,
                    matcher: Matcher::Implicit,
                    windowable: true,
                    not: None,
                    unless: None,
                    requires: None,
                    paths: None,
                    path_globs: Vec::new(),
                    exclude: None,
                    context: if security_skill(skill) {
                        vec![Context::Code, Context::NotTest]
                    } else {
                        vec![Context::Code]
                    },
                    equivalents: Vec::new(),
                    fix: None,
                    structural: None,
                    precision: None,
                    measured: None,
                    demoted: false,
                });
                // The normalized lines are indexed below, with the tip's index.
                implicit_lines.push((tips.len() - 1, d.lines));
            }
        }
        // Pushed one by one, the vector ends with up to half its room unused, kept for good.
        tips.shrink_to_fit();
        let mut index = TipIndex {
            tips,
            groups: Vec::new(),
            langs: HashMap::new(),
        };
        index.index(implicit_lines);
        (index, problems)
    }

    fn index(&mut self, implicit_lines: Vec<(usize, Vec<String>)>) {
        // Tips are grouped by their exact language list, and each group is compiled once: a
        // JavaScript tip for four language ids lives in one set, not four copies.
        let mut group_of: HashMap<Vec<String>, usize> = HashMap::new();
        let mut groups: Vec<LangIndex> = Vec::new();
        let mut line_pats: Vec<Vec<usize>> = Vec::new();
        let mut langs: HashMap<String, Vec<usize>> = HashMap::new();
        let mut group =
            |t: &Tip, groups: &mut Vec<LangIndex>, line_pats: &mut Vec<Vec<usize>>| -> usize {
                let mut key = if t.languages.is_empty() {
                    vec![ANY.to_string()]
                } else {
                    t.languages.clone()
                };
                key.sort();
                key.dedup();
                *group_of.entry(key.clone()).or_insert_with(|| {
                    groups.push(LangIndex::default());
                    line_pats.push(Vec::new());
                    let g = groups.len() - 1;
                    for k in key {
                        langs.entry(k).or_default().push(g);
                    }
                    g
                })
            };
        for (ti, t) in self.tips.iter().enumerate() {
            let g = group(t, &mut groups, &mut line_pats);
            match &t.matcher {
                Matcher::Line { .. } => line_pats[g].push(ti),
                Matcher::Span { .. } => groups[g].span.push(ti),
                Matcher::Implicit | Matcher::Structural => {}
            }
            if t.structural.is_some() {
                groups[g].structural.push(ti);
            }
        }
        for (ti, lines) in implicit_lines {
            let g = group(&self.tips[ti], &mut groups, &mut line_pats);
            let li = &mut groups[g];
            for l in &lines {
                let v = li.implicit.entry(l.clone()).or_default();
                if !v.contains(&ti) {
                    v.push(ti);
                }
            }
        }
        for (g, tis) in line_pats.into_iter().enumerate() {
            groups[g].line_tips = tis
                .into_iter()
                .map(|ti| match &self.tips[ti].matcher {
                    Matcher::Line { ml, .. } => (ti, ml.src.clone()),
                    _ => unreachable!("only line tips are in line_pats"),
                })
                .collect();
        }
        self.groups = groups;
        self.langs = langs;
    }
}

/// Compile a structural tip's rule for the grammars of its languages.
/// A bundled skill's rules compile on first use (the tests compile every one); anyone else's now,
/// so a bad rule is a problem on its skill file as it loads.
fn structural_rule(
    id: &str,
    spec: &structural::Spec,
    languages: &[String],
    bundled: bool,
) -> Result<structural::Rule, structural::RuleError> {
    if languages.is_empty() {
        return Err(structural::RuleError::NoLanguages);
    }
    let (grammars, missing) = structural::grammars_for(languages);
    if !missing.is_empty() {
        return Err(structural::RuleError::NoGrammar(missing));
    }
    if bundled {
        return Ok(structural::lazy(id, spec, &grammars));
    }
    structural::compile(id, spec, &grammars)
}

/// Message of an implicit tip: the section's first sentence, else its title.
fn implicit_message(title: &str, prose: &str) -> String {
    let para = prose
        .split("\n\n")
        .map(str::trim)
        .find(|p| {
            !p.is_empty() && !p.starts_with("<!--") && !p.starts_with('|') && !p.starts_with('#')
        })
        .unwrap_or("");
    let flat = para.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence = match flat.find(". ") {
        Some(i) => &flat[..=i],
        None => flat.as_str(),
    };
    let mut s = if sentence.is_empty() {
        title.to_string()
    } else {
        sentence.to_string()
    };
    if s.chars().count() > 160 {
        s = s.chars().take(157).collect::<String>() + "...";
    }
    s
}

/// Security skills' tips are about production code: by default not in tests.
fn security_skill(skill: &Skill) -> bool {
    skill.category.as_deref() == Some("security")
}
