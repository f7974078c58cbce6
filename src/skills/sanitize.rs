//! Markdown from skills a repository wrote, made safe to show: raw HTML (`<script>`, `<img>`,
//! `<iframe>`, comments) is escaped so it shows as text, images (remote ones would be fetched by
//! the editor the moment a hover shows: a tracking pixel) become their alt text, and links with
//! a scheme that runs something (`command:`, `javascript:`, `vscode:`, `data:`, `file:`) keep
//! their text only. Code spans and fenced code are text already and stay as they are.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// Whether skills from this origin are sanitised before they are shown: workspace skills and
/// configured paths (a workspace file may add those); bundled skills and the user's own folders
/// are trusted.
pub fn untrusted(origin: super::model::Origin) -> bool {
    use super::model::Origin;
    matches!(origin, Origin::Workspace | Origin::Configured)
}

/// `md` with raw HTML escaped, images replaced by their alt text and unsafe links unlinked.
pub fn markdown(md: &str) -> String {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    // Inside an image or unsafe link: (its range, the text collected so far, is image).
    let mut open: Option<(std::ops::Range<usize>, String, bool)> = None;
    // Links and images opened inside the one being replaced (`[![badge](x)](command:y)`).
    let mut nested = 0usize;
    let parser = Parser::new_ext(md, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES);
    for (event, range) in parser.into_offset_iter() {
        if let Some((_, text, _)) = &mut open {
            match event {
                Event::Start(Tag::Image { .. }) | Event::Start(Tag::Link { .. }) => nested += 1,
                Event::End(TagEnd::Image) | Event::End(TagEnd::Link) if nested > 0 => nested -= 1,
                Event::End(TagEnd::Image) | Event::End(TagEnd::Link) => {
                    let (r, text, image) = open.take().expect("open");
                    let text = escape_html(text.trim());
                    let shown = if image {
                        if text.is_empty() {
                            "[image]".to_string()
                        } else {
                            format!("[image: {text}]")
                        }
                    } else {
                        text
                    };
                    edits.push((r, shown));
                }
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                edits.push((range.clone(), escape_html(&md[range])));
            }
            Event::Start(Tag::Image { .. }) => open = Some((range, String::new(), true)),
            Event::Start(Tag::Link {
                dest_url,
                link_type,
                ..
            }) if !safe_link(&dest_url) && link_type != LinkType::Email => {
                open = Some((range, String::new(), false));
            }
            _ => {}
        }
    }
    if edits.is_empty() {
        return md.to_string();
    }
    let mut out = String::with_capacity(md.len() + 16);
    let mut at = 0;
    for (r, text) in edits {
        if r.start < at {
            continue;
        }
        out.push_str(&md[at..r.start]);
        out.push_str(&text);
        at = r.end;
    }
    out.push_str(&md[at..]);
    out
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Web links and relative ones; anything with another scheme is not followed from a hover.
fn safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _))
            if !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            matches!(scheme, "http" | "https" | "mailto")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_images_and_unsafe_links_are_neutralised() {
        let md = "Use **this**. <script>alert(1)</script>\n\n<img src=\"https://t.example/p.gif\">\n\n![pixel](https://t.example/x.png) and ![](img.png)\n\n[run](command:workbench.action.terminal.new) [js](javascript:alert(1)) [docs](https://docs.example/a) [rel](guide.md) [![badge](https://t.example/b.svg)](command:x)\n\n`<b>code</b>`\n\n```html\n<div>kept</div>\n```\n";
        let out = markdown(md);
        assert!(!out.contains("<script>") && !out.contains("<img"), "{out}");
        assert!(
            out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{out}"
        );
        assert!(!out.contains("!["), "no image left to fetch: {out}");
        assert!(
            out.contains("[image: pixel]") && out.contains("[image]"),
            "{out}"
        );
        assert!(
            !out.contains("command:") && !out.contains("javascript:"),
            "{out}"
        );
        assert!(out.contains("run js [docs]"), "link text kept: {out}");
        assert!(out.contains(" badge\n"), "{out}");
        assert!(out.contains("[docs](https://docs.example/a)"), "{out}");
        assert!(out.contains("[rel](guide.md)"), "{out}");
        assert!(out.contains("`<b>code</b>`"), "code spans are text: {out}");
        assert!(
            out.contains("<div>kept</div>"),
            "fenced code is text: {out}"
        );
        assert!(out.contains("Use **this**."), "{out}");
    }

    #[test]
    fn plain_markdown_is_unchanged() {
        let md = "**skill** › Errors\n\nCatch what you handle.\n\n```python\nx = 1 < 2\n```\n";
        assert_eq!(markdown(md), md);
    }
}
