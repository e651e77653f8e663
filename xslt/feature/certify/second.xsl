<?xml version="1.0" encoding="UTF-8"?>
<!--
  second.xsl - 専門医新規申請（二次申請） (PAL-5..PAL-11, seed 002 pages
  7-15): the platform's application pages (apply.xsl) drawn for the kind
  "second" where the seed asks more of them, and for 移行二次
  ("transition-second") and 更新 ("renewal"), built on the same table.  Model: apply.xsl's, with
  the offering's own part after the sections (src/feature/certify/
  second.c model()):
    <second year><requirement name key state="met|pending|exempt|short"
        met count? joined? years?/>…<expect name key checked/>…</second>
  - 申請トップ: 申請者情報, 認定要件 with each line's state, the four
    sections, the July expectations and 手続き中 with 「専門医 申請」
    (chosen right before it: the top page keeps no draft);
  - 1 申請書・履歴書: 学歴 and 職歴 as rows, at least two shown, more
    behind 「行を追加する」 (a details element: no script needed);
  - 2 臨床研修修了証明書: the facility and supervisor searches (GET forms
    beside the row's form) before the row's form.
  Priority 2 over apply.xsl's templates for the same pages, in its mode
  "apply-page" (apply.xsl dispatches mode "content" there by the page's
  name alone, so that the patterns below may read the model).  Each
  pattern is one predicate joined by "and", never [A][B]: libxslt
  matches consecutive predicates by evaluating the pattern as an XPath
  over the whole model (//page[A][B]) on every transform, about 50 k
  instructions a rule (issue 10).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:skc="urn:shikaku:xslt">

  <!-- 更新 asks no July expectations (second.c panels[]). -->
  <xsl:template match="second" mode="second-expect"/>

  <!-- 認定要件: each line with its state (met: ✓). -->
  <xsl:template match="second" mode="second-panel">
    <xsl:param name="edit" select="false()"/>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'second.requirements'"/></xsl:call-template></h2>
    <div class="table-wrap"><table class="data stack second-requirements">
      <tbody>
        <xsl:for-each select="requirement">
          <tr class="req-{@state}" data-req="{@name}">
            <th scope="row"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('second.req.no.', @name)"/></xsl:call-template></th>
            <td><xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template></td>
            <td class="req-state">
              <xsl:if test="@met = '1'"><span aria-hidden="true">✓ </span></xsl:if>
              <xsl:call-template name="t"><xsl:with-param name="k" select="concat('second.rstate.', @state)"/></xsl:call-template>
              <xsl:if test="@name = 'cases' and @state != 'exempt'">
                <xsl:text> </xsl:text>
                <xsl:call-template name="t">
                  <xsl:with-param name="k" select="'second.req.count'"/>
                  <xsl:with-param name="arg" select="@count"/>
                </xsl:call-template>
              </xsl:if>
              <xsl:if test="@name = 'dues' and @state = 'short' and $edit">
                <xsl:text> </xsl:text>
                <label class="choice-inline">
                  <input type="checkbox" name="dues_pending" value="1" form="second-submit"/>
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'second.dues.pending'"/></xsl:call-template>
                </label>
              </xsl:if>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table></div>
  </xsl:template>

  <!-- The July expectations: boxes in the form, or as submitted. -->
  <xsl:template match="second[expect]" mode="second-expect">
    <xsl:param name="edit" select="false()"/>
    <fieldset class="field second-expect">
      <legend class="field-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'second.expect.title'"/></xsl:call-template></legend>
      <div class="choices">
        <xsl:for-each select="expect">
          <div class="choice">
            <input type="checkbox" id="f-{@name}" name="{@name}" value="1">
              <xsl:if test="@checked = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              <xsl:if test="not($edit)"><xsl:attribute name="disabled">disabled</xsl:attribute></xsl:if>
            </input>
            <label for="f-{@name}"><xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template></label>
          </div>
        </xsl:for-each>
      </div>
    </fieldset>
  </xsl:template>

  <xsl:template match="page[@name = 'apply-top' and contains(' second transition-second renewal ', concat(' ', content/apply/@kind, ' '))]" mode="apply-page" priority="2">
    <xsl:variable name="a" select="content/apply"/>
    <xsl:variable name="s" select="$a/application/second"/>
    <xsl:variable name="edit" select="$a/@can-edit = '1' and $a/application/@editable = '1'"/>
    <xsl:call-template name="apply-head"/>
    <xsl:if test="$a/@why and $a/application/@editable = '1'">
      <p class="notice"><xsl:call-template name="t"><xsl:with-param name="k" select="$a/@why"/></xsl:call-template></p>
    </xsl:if>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'second.applicant'"/></xsl:call-template></h2>
    <dl class="kv second-applicant">
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'second.applicant.name'"/></xsl:call-template></dt>
      <dd><xsl:value-of select="/page/user/name"/></dd>
    </dl>
    <xsl:apply-templates select="$s" mode="second-panel">
      <xsl:with-param name="edit" select="$edit"/>
    </xsl:apply-templates>
    <xsl:call-template name="apply-sections"/>
    <xsl:apply-templates select="$a/application/shortfalls"/>
    <xsl:choose>
      <xsl:when test="$edit">
        <form class="form" id="second-submit" method="post" action="{$a/@href}/confirm">
          <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
          <xsl:apply-templates select="$s" mode="second-expect">
            <xsl:with-param name="edit" select="true()"/>
          </xsl:apply-templates>
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" name="op" value="submit">
              <!-- 更新's own words; a select, so render.c inlines the call. -->
              <xsl:call-template name="t"><xsl:with-param name="k" select="concat('second.btn.submit', substring('.renewal', 1, 8 * ($a/@kind = 'renewal')))"/></xsl:call-template>
            </button>
          </div>
          <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'second.notice'"/></xsl:call-template></p>
        </form>
      </xsl:when>
      <xsl:when test="$a/application/@editable = '0'">
        <p class="apply-done"><strong><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.menu.applied'"/></xsl:call-template></strong></p>
        <xsl:apply-templates select="$s" mode="second-expect"/>
      </xsl:when>
    </xsl:choose>
    <div class="form-actions">
      <a class="btn btn-secondary" href="{$a/@href}/confirm">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'apply.btn.view'"/></xsl:call-template>
      </a>
      <a class="btn btn-secondary" href="{$a/@href}/pdf">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'pdf.app.download'"/></xsl:call-template>
      </a>
    </div>
  </xsl:template>

  <!-- 1 申請書・履歴書: the slots as rows, the rest behind 行を追加する. -->
  <xsl:template match="page[@name = 'apply-form' and contains(' second transition-second renewal ', concat(' ', content/apply/@kind, ' ')) and content/apply/@section = 'resume']" mode="apply-page" priority="2">
    <xsl:variable name="a" select="content/apply"/>
    <xsl:variable name="f" select="form"/>
    <xsl:call-template name="apply-head"/>
    <xsl:call-template name="second-error-summary"/>
    <form class="form second-resume" method="post" action="{$f/@action}" novalidate="novalidate">
      <input type="hidden" name="csrf" value="{$f/@csrf}"/>
      <!-- Enter in a field submits with the first button of the form:
           this one saves, so it is never a slot's ×. -->
      <button type="submit" name="op" value="save" class="visually-hidden" tabindex="-1" aria-hidden="true">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'apply.btn.save'"/></xsl:call-template>
      </button>
      <skc:second-slots list="edu"><xsl:fallback>
        <xsl:call-template name="second-slots">
          <xsl:with-param name="f" select="$f"/>
          <xsl:with-param name="list" select="'edu'"/>
        </xsl:call-template>
      </xsl:fallback></skc:second-slots>
      <skc:second-slots list="car"><xsl:fallback>
        <xsl:call-template name="second-slots">
          <xsl:with-param name="f" select="$f"/>
          <xsl:with-param name="list" select="'car'"/>
        </xsl:call-template>
      </xsl:fallback></skc:second-slots>
      <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'second.resume.years-hint'"/></xsl:call-template></p>
      <xsl:apply-templates select="$f/field[@name = 'years']"/>
      <div class="form-actions">
        <xsl:apply-templates select="$f/button[not(@kind = 'secondary')]"/>
        <xsl:apply-templates select="$f/button[@kind = 'secondary']"/>
      </div>
    </form>
    <p><a href="{$a/@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.btn.top'"/></xsl:call-template></a></p>
  </xsl:template>

  <xsl:template name="second-error-summary">
    <xsl:if test="form//field/error">
      <div class="error-summary" role="alert">
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'second.errors'"/></xsl:call-template></p>
      </div>
    </xsl:if>
  </xsl:template>

  <!--
    The resume's fields by list and by name (issue 10): a slot finds its
    text field, and a list its date fields, by one lookup instead of a
    walk over the form's 41 fields with a variable in the predicate
    (about 130 k instructions a slot under libxslt).  Keys span the
    document, so each lookup keeps only the fields of $f, as the walk
    did; a key is indexed once per transform, and only on a page that
    asks it.
  -->
  <xsl:key name="second-field-list" match="form/field" use="@list"/>
  <xsl:key name="second-field-name" match="form/field" use="@name"/>

  <xsl:template name="second-slots">
    <xsl:param name="f"/>
    <xsl:param name="list"/>
    <xsl:variable name="fields" select="key('second-field-list', $list)[count(.. | $f) = count($f)]"/>
    <fieldset class="form-group second-slots" id="list-{$list}">
      <legend class="form-group-legend">
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('second.group.', $list)"/></xsl:call-template>
        <xsl:if test="$list = 'edu'">
          <xsl:text> </xsl:text>
          <span class="badge"><xsl:call-template name="t"><xsl:with-param name="k" select="'second.resume.first-required'"/></xsl:call-template></span>
        </xsl:if>
      </legend>
      <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'second.resume.hint'"/></xsl:call-template></p>
      <!-- A row in one C pass under shikakud (second_render.c: 125,000
           instructions a row as XSLT); the template elsewhere. -->
      <xsl:for-each select="$fields[not(@more)][substring(@name, string-length(@name) - 4) = '.date']">
        <skc:second-slot><xsl:fallback><xsl:call-template name="second-slot"><xsl:with-param name="f" select="$f"/></xsl:call-template></xsl:fallback></skc:second-slot>
      </xsl:for-each>
      <xsl:if test="$fields[@more]">
        <details class="second-more">
          <summary class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'second.resume.more'"/></xsl:call-template></summary>
          <xsl:for-each select="$fields[@more][substring(@name, string-length(@name) - 4) = '.date']">
            <skc:second-slot><xsl:fallback><xsl:call-template name="second-slot"><xsl:with-param name="f" select="$f"/></xsl:call-template></xsl:fallback></skc:second-slot>
          </xsl:for-each>
        </details>
      </xsl:if>
    </fieldset>
  </xsl:template>

  <!-- One slot: its date and text side by side (stacked at 375 px). -->
  <xsl:template name="second-slot">
    <xsl:param name="f"/>
    <xsl:variable name="text" select="concat(substring(@name, 1, string-length(@name) - 5), '.text')"/>
    <div class="second-slot" data-slot="{@slot}">
      <xsl:apply-templates select="."/>
      <xsl:apply-templates select="key('second-field-name', $text)[count(.. | $f) = count($f)]"/>
      <!-- 「×」 at the row's right (seed 002): the form is saved without
           this slot and the ones after it move up (resume_typed()). -->
      <button type="submit" name="drop" value="{@list}.{@slot}" class="btn btn-secondary second-slot-drop">
        <span aria-hidden="true">×</span>
        <span class="visually-hidden">
          <xsl:call-template name="t">
            <xsl:with-param name="k" select="concat('second.resume.drop.', @list)"/>
            <xsl:with-param name="arg" select="@slot"/>
          </xsl:call-template>
        </span>
      </button>
    </div>
  </xsl:template>

  <!-- 2 臨床研修修了証明書: search the registries, then the row's form. -->
  <xsl:template match="page[@name = 'apply-form' and contains(' second transition-second ', concat(' ', content/apply/@kind, ' ')) and content/apply/@section = 'training']" mode="apply-page" priority="2">
    <xsl:variable name="a" select="content/apply"/>
    <xsl:call-template name="apply-head"/>
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'second.training.hint'"/></xsl:call-template></p>
    <div class="second-search">
      <form method="get" action="{form/@action}" class="form form-inline" role="search">
        <label for="q-fac"><xsl:call-template name="t"><xsl:with-param name="k" select="'second.search.facility'"/></xsl:call-template></label>
        <input type="search" id="q-fac" name="fq" value="{form/@fq}"/>
        <input type="hidden" name="sq" value="{form/@sq}"/>
        <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'second.search.btn'"/></xsl:call-template></button>
      </form>
      <form method="get" action="{form/@action}" class="form form-inline" role="search">
        <label for="q-sup"><xsl:call-template name="t"><xsl:with-param name="k" select="'second.search.supervisor'"/></xsl:call-template></label>
        <input type="search" id="q-sup" name="sq" value="{form/@sq}"/>
        <input type="hidden" name="fq" value="{form/@fq}"/>
        <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'second.search.btn'"/></xsl:call-template></button>
      </form>
    </div>
    <xsl:apply-templates select="form"/>
    <p><a href="{$a/@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.btn.top'"/></xsl:call-template></a></p>
  </xsl:template>

</xsl:stylesheet>
