<?xml version="1.0" encoding="UTF-8"?>
<!--
  apply.xsl - applications as a platform service (CORE-12, CORE-18,
  CORE-19): the member's pages under /application/<kind>, the same for
  every offering.  Model (src/apply/apply.c apply_app_model(),
  src/apply/apply_pages.c):

    <content>
      <apply kind="completion" title="…" href="/application/completion"
             can-edit="1" can-submit="0" why="key"? can-withdraw="1"?
             section="rotations"? section-title="…"? max="30"? row="3"?>
        <rejected number decided-at>reason</rejected>?  (the last one, none live)
        <application id? kind title state="new|draft|submitted|…"
                     number? stage-title? submitted-at? editable="1|0">
          <window state="open|before|after|none" text="2026年4月1日 0:00 ~ …"/>
          <return-comment>…</return-comment>?
          <section name title state="blank|progress|done" updated-at? rows max>
            <row id valid="1|0"><value name key value-key? label?>…</value>
              <error field key/></row>
          </section>
          <shortfalls count><shortfall key arg? arg-key?/></shortfalls>?
        </application>
      </apply>
    </content>
    The form of a section or row is the generic /page/form.

  Everything works without JavaScript; tables stack on a narrow screen
  (375 px) through the shared table.data.stack rules.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:skc="urn:shikaku:xslt">

  <!-- "2026-04-01 09:05:00" → 2026年4月1日 9:05 (en: 2026-04-01 9:05) -->
  <xsl:template name="apply-dt">
    <xsl:param name="t"/>
    <xsl:variable name="h" select="number(substring($t, 12, 2))"/>
    <xsl:choose>
      <xsl:when test="string-length($t) &lt; 16"><xsl:value-of select="$t"/></xsl:when>
      <xsl:when test="/page/@lang = 'en'">
        <xsl:value-of select="concat(substring($t, 1, 10), ' ', $h, substring($t, 14, 3))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat(number(substring($t, 1, 4)), '年',
            number(substring($t, 6, 2)), '月', number(substring($t, 9, 2)), '日 ',
            $h, substring($t, 14, 3))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The heading of every page of the flow: the offering, its number. -->
  <xsl:template name="apply-head">
    <xsl:variable name="a" select="content/apply"/>
    <h1>
      <xsl:call-template name="t"><xsl:with-param name="k" select="$a/@title"/></xsl:call-template>
      <xsl:if test="$a/@section-title">
        <xsl:text> - </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="$a/@section-title"/></xsl:call-template>
      </xsl:if>
    </h1>
    <xsl:apply-templates select="$a/application" mode="apply-status"/>
  </xsl:template>

  <!-- State, number, window, why not, and a return comment at the top. -->
  <xsl:template match="application" mode="apply-status">
    <xsl:variable name="a" select=".."/>
    <!-- app.return_comment holds a return's comment and a rejection's
         reason alike: the state says which it is. -->
    <xsl:if test="return-comment and @state = 'returned'">
      <div class="flash flash-warning apply-returned" role="alert">
        <p><strong><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.returned'"/></xsl:call-template></strong></p>
        <p class="apply-comment-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.return-comment'"/></xsl:call-template></p>
        <p class="pre-wrap"><xsl:value-of select="return-comment"/></p>
      </div>
    </xsl:if>
    <xsl:if test="return-comment and @state = 'rejected'">
      <div class="flash flash-warning apply-rejected" role="alert">
        <p><strong><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.rejected'"/></xsl:call-template></strong></p>
        <p class="apply-comment-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.reject-reason'"/></xsl:call-template></p>
        <p class="pre-wrap"><xsl:value-of select="return-comment"/></p>
      </div>
    </xsl:if>
    <!-- A rejection ends an application (a new one may start): the
         last rejected one's reason stays in view. -->
    <xsl:if test="$a/rejected">
      <div class="flash flash-warning apply-rejected" role="alert">
        <p><strong><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.rejected'"/></xsl:call-template></strong>
          <xsl:text> </xsl:text><xsl:value-of select="$a/rejected/@number"/></p>
        <p class="apply-comment-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.reject-reason'"/></xsl:call-template></p>
        <p class="pre-wrap"><xsl:value-of select="$a/rejected"/></p>
      </div>
    </xsl:if>
    <dl class="apply-status">
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.state'"/></xsl:call-template></dt>
      <dd>
        <span class="badge apply-state-{@state}">
          <xsl:call-template name="t"><xsl:with-param name="k" select="concat('apply.state.', @state)"/></xsl:call-template>
        </span>
        <xsl:if test="@stage-title">
          <xsl:text> </xsl:text>
          <xsl:call-template name="t"><xsl:with-param name="k" select="@stage-title"/></xsl:call-template>
        </xsl:if>
      </dd>
      <xsl:if test="@number">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.number'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="@number"/></dd>
      </xsl:if>
      <xsl:if test="@submitted-at">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.submitted-at'"/></xsl:call-template></dt>
        <dd><xsl:call-template name="apply-dt"><xsl:with-param name="t" select="@submitted-at"/></xsl:call-template></dd>
      </xsl:if>
      <xsl:if test="window/@text">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.window'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="window/@text"/></dd>
      </xsl:if>
      <xsl:apply-templates select="fees" mode="apply-fees"/>
    </dl>
    <xsl:if test="$a/@why">
      <p class="flash apply-why">
        <xsl:call-template name="t">
          <xsl:with-param name="k" select="$a/@why"/>
          <xsl:with-param name="arg" select="string(window/@text)"/>
        </xsl:call-template>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- An application's fees and what paying led to (review.h
       review_fees_model()): dt/dd pairs inside the caller's <dl>;
       the application page and 現在の状況 both draw them. -->
  <xsl:template match="fees" mode="apply-fees">
    <xsl:for-each select="fee">
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="concat(@title, substring('apply.fee', 1, 9 * not(@title)))"/></xsl:call-template></dt>
      <dd class="apply-fee apply-fee-{@state}">
        <xsl:value-of select="format-number(@amount, '#,##0')"/>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'fee.yen'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <span class="badge"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('fee.state.', @state)"/></xsl:call-template></span>
      </dd>
    </xsl:for-each>
    <xsl:if test="certificate">
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.certificate'"/></xsl:call-template></dt>
      <dd><a class="apply-certificate" href="{certificate/@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.download'"/></xsl:call-template></a></dd>
    </xsl:if>
  </xsl:template>

  <!-- Sections with their state (未登録 / 登録中 / 登録済) and last update. -->
  <xsl:template name="apply-sections">
    <xsl:variable name="a" select="content/apply"/>
    <!-- The columns' names, once per table: each row's cells carry them
         as data-label (for the stacked layout), and an attribute built
         from a body costs a fragment per cell. -->
    <xsl:variable name="l-section"><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.col.section'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="l-state"><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.col.state'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="l-updated"><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.col.updated'"/></xsl:call-template></xsl:variable>
    <div class="table-wrap"><table class="data stack apply-sections">
      <thead>
        <tr>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.col.section'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.col.state'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.col.updated'"/></xsl:call-template></th>
        </tr>
      </thead>
      <tbody>
        <!-- In one C pass under shikakud (src/apply/apply_render.c). -->
        <skc:apply-section-rows><xsl:fallback>
        <xsl:for-each select="$a/application/section">
          <tr>
            <td data-label="{$l-section}">
              <a href="{$a/@href}/{@name}">
                <xsl:call-template name="t"><xsl:with-param name="k" select="@title"/></xsl:call-template>
              </a>
              <xsl:if test="@max &gt; 0">
                <xsl:text> </xsl:text>
                <xsl:call-template name="t">
                  <xsl:with-param name="k" select="'apply.rows-count'"/>
                  <xsl:with-param name="arg" select="@rows"/>
                </xsl:call-template>
              </xsl:if>
            </td>
            <td data-label="{$l-state}">
              <span class="badge section-{@state}">
                <xsl:call-template name="t"><xsl:with-param name="k" select="concat('apply.section.', @state)"/></xsl:call-template>
              </span>
            </td>
            <td data-label="{$l-updated}">
              <xsl:if test="@updated-at">
                <xsl:call-template name="apply-dt"><xsl:with-param name="t" select="@updated-at"/></xsl:call-template>
              </xsl:if>
            </td>
          </tr>
        </xsl:for-each>
        </xsl:fallback></skc:apply-section-rows>
      </tbody>
    </table></div>
  </xsl:template>

  <!-- What is missing, exactly as the feature says it. -->
  <xsl:template match="shortfalls">
    <xsl:if test="shortfall">
      <section class="flash flash-warning apply-shortfalls">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.shortfalls'"/></xsl:call-template></h2>
        <ul>
          <xsl:for-each select="shortfall">
            <li>
              <xsl:variable name="arg">
                <xsl:choose>
                  <xsl:when test="@arg-key">
                    <xsl:call-template name="t"><xsl:with-param name="k" select="@arg-key"/></xsl:call-template>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="@arg"/></xsl:otherwise>
                </xsl:choose>
              </xsl:variable>
              <xsl:call-template name="t">
                <xsl:with-param name="k" select="@key"/>
                <xsl:with-param name="arg" select="string($arg)"/>
              </xsl:call-template>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- One value as shown: a label for choices and data, else the text. -->
  <xsl:template match="value" mode="apply-show">
    <xsl:choose>
      <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
      <xsl:when test="@value-key">
        <xsl:call-template name="t"><xsl:with-param name="k" select="@value-key"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="@upload">
        <a href="/upload/{@upload}"><xsl:value-of select="@filename"/></a>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A section's rows, read-only or with edit and delete. -->
  <xsl:template match="section" mode="apply-rows">
    <xsl:param name="edit" select="false()"/>
    <xsl:variable name="a" select="../.."/>
    <xsl:variable name="s" select="."/>
    <xsl:choose>
      <xsl:when test="not(row)">
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.no-rows'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise>
        <div class="table-wrap"><table class="data stack apply-rows">
          <thead>
            <tr>
              <xsl:for-each select="row[1]/value">
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template></th>
              </xsl:for-each>
              <xsl:if test="$edit"><th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.col.actions'"/></xsl:call-template></th></xsl:if>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="row">
              <tr>
                <xsl:if test="@valid = '0'"><xsl:attribute name="class">row-invalid</xsl:attribute></xsl:if>
                <!-- The row's cells in one C pass under shikakud
                     (src/apply/apply_render.c: 履歴書 is one row of
                     41 values on 確認); this XSLT elsewhere. -->
                <skc:apply-cells><xsl:fallback>
                  <xsl:for-each select="value">
                    <td>
                      <xsl:attribute name="data-label">
                        <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
                      </xsl:attribute>
                      <xsl:apply-templates select="." mode="apply-show"/>
                    </td>
                  </xsl:for-each>
                </xsl:fallback></skc:apply-cells>
                <xsl:if test="$edit">
                  <td>
                    <a class="btn btn-secondary" href="{$a/@href}/{$s/@name}/{@id}">
                      <xsl:call-template name="t"><xsl:with-param name="k" select="'apply.btn.edit'"/></xsl:call-template>
                    </a>
                    <form class="inline-form" method="post" action="{$a/@href}/{$s/@name}/{@id}/delete">
                      <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
                      <button type="submit" class="btn btn-secondary">
                        <xsl:call-template name="t"><xsl:with-param name="k" select="'apply.btn.delete'"/></xsl:call-template>
                      </button>
                    </form>
                  </td>
                </xsl:if>
              </tr>
              <xsl:if test="error">
                <tr class="row-errors">
                  <td colspan="{count(value) + number($edit)}">
                    <ul class="field-errors">
                      <xsl:for-each select="error">
                        <li class="error-text">
                          <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
                        </li>
                      </xsl:for-each>
                    </ul>
                  </td>
                </tr>
              </xsl:if>
            </xsl:for-each>
          </tbody>
        </table></div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A product's own words on its application's top and form pages
       (<apply kind section?>): nothing unless its stylesheet says. -->
  <xsl:template match="apply" mode="apply-extra"/>

  <!-- ================================================================
       apply-top: 申請トップ
       ================================================================ -->
  <xsl:template match="page[starts-with(@name, 'apply-')]" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="content/apply/@title"/></xsl:call-template>
  </xsl:template>

  <!-- The application pages are chosen by their name alone in mode
       "content" (render.c's apply_page() then finds the rule once per
       worker instead of trying every page's rule per request, issue 10)
       and by product in mode "apply-page", where a product's rule may
       read the model: certify.xsl, second.xsl, renewal.xsl. -->
  <xsl:template match="page[@name = 'apply-top' or @name = 'apply-rows' or @name = 'apply-form' or @name = 'apply-confirm']" mode="content">
    <xsl:apply-templates select="." mode="apply-page"/>
  </xsl:template>

  <xsl:template match="page[@name = 'apply-top']" mode="apply-page">
    <xsl:variable name="a" select="content/apply"/>
    <xsl:call-template name="apply-head"/>
    <xsl:apply-templates select="$a" mode="apply-extra"/>
    <xsl:call-template name="apply-sections"/>
    <xsl:apply-templates select="$a/application/shortfalls"/>
    <div class="form-actions">
      <xsl:choose>
        <xsl:when test="$a/application/@editable = '1'">
          <a class="btn btn-primary" href="{$a/@href}/confirm">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'apply.btn.confirm'"/></xsl:call-template>
          </a>
        </xsl:when>
        <xsl:otherwise>
          <p class="apply-done"><strong><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.applied'"/></xsl:call-template></strong></p>
          <a class="btn btn-secondary" href="{$a/@href}/confirm">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'apply.btn.view'"/></xsl:call-template>
          </a>
        </xsl:otherwise>
      </xsl:choose>
      <!-- The application as a PDF (CORE-20): a draft until submitted. -->
      <a class="btn btn-secondary" href="{$a/@href}/pdf">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'pdf.app.download'"/></xsl:call-template>
      </a>
      <xsl:if test="$a/@can-withdraw = '1'">
        <a class="btn btn-secondary" href="{$a/@href}/withdraw">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'apply.btn.withdraw'"/></xsl:call-template>
        </a>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- ================================================================
       apply-rows: a section of rows, each with edit and delete
       ================================================================ -->
  <xsl:template match="page[@name = 'apply-rows']" mode="apply-page">
    <xsl:variable name="a" select="content/apply"/>
    <xsl:variable name="s" select="$a/application/section[@name = $a/@section]"/>
    <xsl:call-template name="apply-head"/>
    <xsl:apply-templates select="$a" mode="apply-extra"/>
    <xsl:apply-templates select="$s" mode="apply-rows">
      <xsl:with-param name="edit" select="$a/@can-edit = '1'"/>
    </xsl:apply-templates>
    <p class="hint">
      <xsl:call-template name="t">
        <xsl:with-param name="k" select="'apply.rows-max'"/>
        <xsl:with-param name="arg" select="$a/@max"/>
      </xsl:call-template>
    </p>
    <div class="form-actions">
      <xsl:if test="$a/@can-edit = '1' and count($s/row) &lt; number($a/@max)">
        <a class="btn btn-primary" href="{$a/@href}/{$a/@section}/new">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'apply.btn.add'"/></xsl:call-template>
        </a>
      </xsl:if>
      <a class="btn btn-secondary" href="{$a/@href}">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'apply.btn.top'"/></xsl:call-template>
      </a>
    </div>
  </xsl:template>

  <!-- ================================================================
       apply-form: one form, or one row (the generic /page/form)
       ================================================================ -->
  <xsl:template match="page[@name = 'apply-form']" mode="apply-page">
    <xsl:variable name="a" select="content/apply"/>
    <xsl:call-template name="apply-head"/>
    <p class="lead">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'apply.form.intro'"/></xsl:call-template>
    </p>
    <xsl:apply-templates select="$a" mode="apply-extra"/>
    <xsl:apply-templates select="form"/>
    <p>
      <a href="{$a/@href}">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'apply.btn.top'"/></xsl:call-template>
      </a>
    </p>
  </xsl:template>

  <!-- ================================================================
       apply-confirm: everything read-only, then the one submission
       ================================================================ -->
  <xsl:template match="page[@name = 'apply-confirm']" mode="apply-page">
    <xsl:variable name="a" select="content/apply"/>
    <xsl:call-template name="apply-head"/>
    <xsl:for-each select="$a/application/section">
      <section class="apply-section">
        <h2>
          <xsl:call-template name="t"><xsl:with-param name="k" select="@title"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <span class="badge section-{@state}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('apply.section.', @state)"/></xsl:call-template>
          </span>
        </h2>
        <xsl:apply-templates select="." mode="apply-rows"/>
      </section>
    </xsl:for-each>
    <xsl:apply-templates select="$a/application/shortfalls"/>
    <xsl:choose>
      <xsl:when test="$a/@can-submit = '1' and not($a/application/shortfalls/shortfall)">
        <form class="form" method="post" action="{$a/@href}/confirm">
          <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
          <p><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.confirm.intro'"/></xsl:call-template></p>
          <div class="form-actions">
            <button type="submit" class="btn btn-primary">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'apply.btn.submit'"/></xsl:call-template>
            </button>
            <a class="btn btn-secondary" href="{$a/@href}">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'apply.btn.top'"/></xsl:call-template>
            </a>
          </div>
        </form>
      </xsl:when>
      <xsl:otherwise>
        <p class="form-actions">
          <a class="btn btn-secondary" href="{$a/@href}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'apply.btn.top'"/></xsl:call-template>
          </a>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================
       apply-withdraw: the member confirms a withdrawal
       ================================================================ -->
  <xsl:template match="page[@name = 'apply-withdraw']" mode="content">
    <xsl:variable name="a" select="content/apply"/>
    <xsl:call-template name="apply-head"/>
    <form class="form" method="post" action="{$a/@href}/withdraw">
      <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
      <p><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.withdraw.intro'"/></xsl:call-template></p>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'apply.btn.withdraw'"/></xsl:call-template>
        </button>
        <a class="btn btn-secondary" href="{$a/@href}">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'apply.btn.top'"/></xsl:call-template>
        </a>
      </div>
    </form>
  </xsl:template>

</xsl:stylesheet>
