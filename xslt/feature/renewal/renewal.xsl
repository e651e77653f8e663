<?xml version="1.0" encoding="UTF-8"?>
<!--
  renewal.xsl - the feature "renewal" (src/feature/renewal/, seed 003):
  専門医, 申請トップ, 申請書類一覧, 研究業績 当会セミナー, and around the
  platform's document pages (apply.xsl) the seed's breadcrumbs and tab
  bar.  Messages: i18n/*-renewal.xml (keys "renewal.…").

  Models:
    renewal-specialist
      <renewal><cert number issued-on expires-on next-fy renewals/>
        <offering kind title href year fee-review fee-cert closed?
                  why-both? why-exam? way? state?><window …/></offering>…
      </renewal>
    renewal-top, renewal-documents, renewal-seminar (renewal-pdf: print)
      <renewal kind title href can-edit why? way?>
        <application …> (apply.xsl) <fees/>? </application>
        <facts total needed meeting paper seminar meetings a b months
               years from to/>
        <seminars><seminar title held-on series? units/></seminars>?
      </renewal>
  Everything works without JavaScript; /assets/renewal.js adds the
  プロフィール counter.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- "2026-04-01" → 2026/04/01, as the seed prints dates. -->
  <xsl:template name="rn-date">
    <xsl:param name="d"/>
    <xsl:value-of select="translate(substring($d, 1, 10), '-', '/')"/>
  </xsl:template>

  <xsl:template name="rn-yen">
    <xsl:param name="n"/>
    <xsl:value-of select="format-number($n, '#,##0')"/>
    <xsl:call-template name="t"><xsl:with-param name="k" select="'fee.yen'"/></xsl:call-template>
  </xsl:template>

  <!-- 専門医 > offering > 申請書類一覧 > document -->
  <xsl:template name="rn-crumbs">
    <xsl:param name="href"/>
    <xsl:param name="title"/>
    <xsl:param name="docs" select="false()"/>
    <xsl:param name="here" select="''"/>
    <nav class="breadcrumbs renewal-crumbs" aria-label="breadcrumbs">
      <a href="/specialist"><xsl:call-template name="t"><xsl:with-param name="k" select="'menu.renewal.specialist'"/></xsl:call-template></a>
      <xsl:text> &gt; </xsl:text>
      <a href="{$href}"><xsl:call-template name="t"><xsl:with-param name="k" select="$title"/></xsl:call-template></a>
      <xsl:if test="$docs">
        <xsl:text> &gt; </xsl:text>
        <a href="{$href}/documents"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.documents'"/></xsl:call-template></a>
      </xsl:if>
      <xsl:if test="$here != ''">
        <xsl:text> &gt; </xsl:text>
        <span aria-current="page"><xsl:call-template name="t"><xsl:with-param name="k" select="$here"/></xsl:call-template></span>
      </xsl:if>
    </nav>
  </xsl:template>

  <!-- The seed's tab bar: the seven documents, the current one marked. -->
  <xsl:template name="rn-tabs">
    <xsl:param name="href"/>
    <xsl:param name="current"/>
    <nav class="renewal-tabs" aria-label="documents">
      <ul>
        <xsl:call-template name="rn-tab"><xsl:with-param name="href" select="$href"/><xsl:with-param name="current" select="$current"/><xsl:with-param name="name" select="'resume'"/></xsl:call-template>
        <xsl:call-template name="rn-tab"><xsl:with-param name="href" select="$href"/><xsl:with-param name="current" select="$current"/><xsl:with-param name="name" select="'profile'"/></xsl:call-template>
        <xsl:call-template name="rn-tab"><xsl:with-param name="href" select="$href"/><xsl:with-param name="current" select="$current"/><xsl:with-param name="name" select="'activity'"/></xsl:call-template>
        <xsl:call-template name="rn-tab"><xsl:with-param name="href" select="$href"/><xsl:with-param name="current" select="$current"/><xsl:with-param name="name" select="'meeting'"/></xsl:call-template>
        <xsl:call-template name="rn-tab"><xsl:with-param name="href" select="$href"/><xsl:with-param name="current" select="$current"/><xsl:with-param name="name" select="'seminar'"/></xsl:call-template>
        <xsl:call-template name="rn-tab"><xsl:with-param name="href" select="$href"/><xsl:with-param name="current" select="$current"/><xsl:with-param name="name" select="'paper'"/></xsl:call-template>
        <xsl:call-template name="rn-tab"><xsl:with-param name="href" select="$href"/><xsl:with-param name="current" select="$current"/><xsl:with-param name="name" select="'record'"/></xsl:call-template>
      </ul>
    </nav>
  </xsl:template>

  <xsl:template name="rn-tab">
    <xsl:param name="href"/>
    <xsl:param name="current"/>
    <xsl:param name="name"/>
    <li>
      <xsl:choose>
        <xsl:when test="$name = $current">
          <strong aria-current="page"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('renewal.doc.', $name)"/></xsl:call-template></strong>
        </xsl:when>
        <xsl:otherwise>
          <a href="{$href}/{$name}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('renewal.doc.', $name)"/></xsl:call-template></a>
        </xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>

  <!-- ================================================================
       Titles
       ================================================================ -->
  <xsl:template mode="title" match="page[@name = 'renewal-specialist']">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'menu.renewal.specialist'"/></xsl:call-template>
  </xsl:template>
  <xsl:template mode="title" match="page[@name = 'renewal-rules']">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'menu.renewal.rules'"/></xsl:call-template>
  </xsl:template>
  <xsl:template mode="title" match="page[@name = 'renewal-exams']">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'menu.renewal.exams'"/></xsl:call-template>
  </xsl:template>
  <xsl:template mode="title" match="page[@name = 'renewal-top' or @name = 'renewal-documents' or @name = 'renewal-seminar' or @name = 'renewal-exam']">
    <xsl:call-template name="t"><xsl:with-param name="k" select="content/renewal/@title"/></xsl:call-template>
  </xsl:template>

  <!-- ================================================================
       専門医 (ONC-1, ONC-2)
       ================================================================ -->
  <xsl:template match="page[@name = 'renewal-specialist']" mode="content">
    <xsl:variable name="r" select="content/renewal"/>
    <h1><xsl:call-template name="t"><xsl:with-param name="k" select="'menu.renewal.specialist'"/></xsl:call-template></h1>
    <section class="renewal-cert">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.cert'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="$r/cert/@number">
          <dl class="kv">
            <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.cert.number'"/></xsl:call-template></dt>
            <dd class="cert-number"><xsl:value-of select="$r/cert/@number"/>
              <xsl:text> </xsl:text><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.cert.kind'"/></xsl:call-template></dd>
            <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.cert.issued'"/></xsl:call-template></dt>
            <dd><xsl:call-template name="rn-date"><xsl:with-param name="d" select="$r/cert/@issued-on"/></xsl:call-template></dd>
            <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.cert.expires'"/></xsl:call-template></dt>
            <dd><xsl:call-template name="rn-date"><xsl:with-param name="d" select="$r/cert/@expires-on"/></xsl:call-template></dd>
            <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.cert.next'"/></xsl:call-template></dt>
            <dd class="cert-next"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.year'"/><xsl:with-param name="arg" select="$r/cert/@next-fy"/></xsl:call-template></dd>
            <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.cert.renewals'"/></xsl:call-template></dt>
            <dd class="cert-renewals"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.times'"/><xsl:with-param name="arg" select="$r/cert/@renewals"/></xsl:call-template></dd>
          </dl>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.why.no-cert'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
    <section class="renewal-offerings">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.offerings'"/></xsl:call-template></h2>
      <xsl:for-each select="$r/offering">
        <section class="renewal-offering" id="offering-{@kind}">
          <h3><xsl:call-template name="t"><xsl:with-param name="k" select="@title"/></xsl:call-template></h3>
          <dl class="kv">
            <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.window'"/></xsl:call-template></dt>
            <dd>
              <xsl:choose>
                <xsl:when test="window/@open-at">
                  <xsl:value-of select="concat(translate(substring(window/@open-at, 1, 16), '-', '/'), ' ~ ', translate(substring(window/@close-at, 1, 16), '-', '/'))"/>
                  <xsl:text> </xsl:text>
                  <small><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.window.note'"/></xsl:call-template></small>
                </xsl:when>
                <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.why.none'"/></xsl:call-template></xsl:otherwise>
              </xsl:choose>
            </dd>
            <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.fee.review'"/></xsl:call-template></dt>
            <dd class="fee-review"><xsl:call-template name="rn-yen"><xsl:with-param name="n" select="@fee-review"/></xsl:call-template></dd>
            <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.fee.cert'"/></xsl:call-template></dt>
            <dd class="fee-cert"><xsl:call-template name="rn-yen"><xsl:with-param name="n" select="@fee-cert"/></xsl:call-template></dd>
            <xsl:if test="@way">
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.entry'"/></xsl:call-template></dt>
              <dd class="renewal-way"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('renewal.way.', @way)"/></xsl:call-template></dd>
            </xsl:if>
            <xsl:if test="exam/@state or exam/@passed">
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam'"/></xsl:call-template></dt>
              <dd class="renewal-exam"><xsl:call-template name="rn-exam-state"><xsl:with-param name="x" select="exam"/></xsl:call-template></dd>
            </xsl:if>
          </dl>
          <div class="form-actions renewal-ways">
            <xsl:choose>
              <xsl:when test="@way = 'both' or @state or (@way = 'exam' and not(@why-both) and not(@closed))">
                <a class="btn btn-primary" href="{@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.btn.open'"/></xsl:call-template></a>
              </xsl:when>
              <xsl:when test="@way = 'exam'"/>
              <xsl:otherwise>
                <xsl:call-template name="rn-way"><xsl:with-param name="o" select="."/><xsl:with-param name="name" select="'both'"/><xsl:with-param name="why" select="@why-both"/></xsl:call-template>
                <xsl:call-template name="rn-way"><xsl:with-param name="o" select="."/><xsl:with-param name="name" select="'exam'"/><xsl:with-param name="why" select="@why-exam"/></xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
          </div>
        </section>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- One way in: its button, or why it is closed to the member. -->
  <xsl:template name="rn-way">
    <xsl:param name="o"/>
    <xsl:param name="name"/>
    <xsl:param name="why"/>
    <xsl:choose>
      <xsl:when test="not($why) and not($o/@closed)">
        <form class="inline-form" method="post" action="/specialist">
          <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
          <input type="hidden" name="kind" value="{$o/@kind}"/>
          <input type="hidden" name="way" value="{$name}"/>
          <button type="submit" class="btn btn-primary renewal-way-{$name}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('renewal.way.', $name)"/></xsl:call-template></button>
        </form>
      </xsl:when>
      <xsl:otherwise>
        <p class="renewal-why renewal-why-{$name}">
          <strong><xsl:call-template name="t"><xsl:with-param name="k" select="concat('renewal.way.', $name)"/></xsl:call-template></strong>
          <xsl:text>: </xsl:text>
          <xsl:choose>
            <xsl:when test="$why"><xsl:call-template name="t"><xsl:with-param name="k" select="$why"/><xsl:with-param name="arg" select="$o/../cert/@next-fy"/></xsl:call-template></xsl:when>
            <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.why.closed'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>


  <!-- ================================================================
       申請トップ (ONC-3)
       ================================================================ -->
  <xsl:template name="rn-head">
    <xsl:param name="here" select="''"/>
    <xsl:param name="docs" select="false()"/>
    <xsl:variable name="r" select="content/renewal"/>
    <xsl:call-template name="rn-crumbs">
      <xsl:with-param name="href" select="$r/@href"/>
      <xsl:with-param name="title" select="$r/@title"/>
      <xsl:with-param name="docs" select="$docs"/>
      <xsl:with-param name="here" select="$here"/>
    </xsl:call-template>
    <h1><xsl:call-template name="t"><xsl:with-param name="k" select="$r/@title"/></xsl:call-template></h1>
  </xsl:template>

  <xsl:template match="page[@name = 'renewal-top']" mode="content">
    <xsl:variable name="r" select="content/renewal"/>
    <xsl:variable name="a" select="$r/application"/>
    <xsl:variable name="fee" select="$a/fees/fee[@kind = 'review']"/>
    <xsl:call-template name="rn-head"/>
    <xsl:if test="$a/return-comment and $a/@state = 'returned'">
      <div class="flash flash-warning apply-returned" role="alert">
        <p><strong><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.returned'"/></xsl:call-template></strong></p>
        <p class="apply-comment-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.return-comment'"/></xsl:call-template></p>
        <p class="pre-wrap return-comment"><xsl:value-of select="$a/return-comment"/></p>
      </div>
    </xsl:if>
    <dl class="kv renewal-top">
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.window'"/></xsl:call-template></dt>
      <dd><xsl:value-of select="concat(translate(substring($a/window/@open-at, 1, 16), '-', '/'), ' ~ ', translate(substring($a/window/@close-at, 1, 16), '-', '/'))"/></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.state'"/></xsl:call-template></dt>
      <dd class="renewal-state">
        <span class="renewal-app-state"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.state.app'"/></xsl:call-template>
          <xsl:call-template name="t"><xsl:with-param name="k" select="concat('renewal.app.', $a/@state, substring('-entered', 1, 8 * ($a/@state = 'new' and $r/@way = 'both')))"/></xsl:call-template></span>
        <xsl:call-template name="rn-exam-state"><xsl:with-param name="x" select="$r/exam"/></xsl:call-template>
      </dd>
      <xsl:if test="$r/exam/@can-apply">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam.more'"/></xsl:call-template></dt>
        <dd><a class="btn btn-secondary renewal-exam-apply" href="{$r/@href}/exam"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam'"/></xsl:call-template></a></dd>
      </xsl:if>
      <xsl:if test="$r/exam/@number">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam.number'"/></xsl:call-template></dt>
        <dd class="renewal-exam-number"><xsl:value-of select="$r/exam/@number"/></dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam.fee'"/></xsl:call-template></dt>
        <dd><xsl:call-template name="rn-yen"><xsl:with-param name="n" select="$r/exam/@fee"/></xsl:call-template></dd>
      </xsl:if>
      <xsl:for-each select="$a/fees/fee">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="concat('renewal.fee.', substring('review', 1, 6 * (@kind = 'review')), substring('cert', 1, 4 * (@kind != 'review')))"/></xsl:call-template></dt>
        <dd><xsl:call-template name="rn-yen"><xsl:with-param name="n" select="@amount"/></xsl:call-template>
          <xsl:text> </xsl:text><span class="badge"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('fee.state.', @state)"/></xsl:call-template></span></dd>
      </xsl:for-each>
      <xsl:if test="$a/fees/certificate">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'apply.certificate'"/></xsl:call-template></dt>
        <dd><a href="{$a/fees/certificate/@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.download'"/></xsl:call-template></a></dd>
      </xsl:if>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.docs'"/></xsl:call-template></dt>
      <dd><a class="btn btn-secondary" href="{$r/@href}/documents"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.btn.edit'"/></xsl:call-template></a></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.apply'"/></xsl:call-template></dt>
      <dd>
        <xsl:if test="$a/@editable = '1'">
          <a class="btn btn-primary" href="{$r/@href}/confirm"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.btn.complete'"/></xsl:call-template></a>
          <xsl:text> </xsl:text>
        </xsl:if>
        <a class="btn btn-secondary renewal-pdf" href="{$r/@href}/pdf"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.btn.pdf'"/></xsl:call-template></a>
      </dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.guide'"/></xsl:call-template></dt>
      <dd><a href="/specialist"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.guide.link'"/></xsl:call-template></a></dd>
    </dl>
    <xsl:call-template name="rn-credits"/>
    <xsl:if test="$a/shortfalls/shortfall">
      <section class="flash flash-warning apply-shortfalls renewal-shortfalls">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.requirements'"/></xsl:call-template></h2>
        <xsl:apply-templates select="$a/shortfalls" mode="rn"/>
      </section>
    </xsl:if>
  </xsl:template>

  <!--
    筆記試験's state as seed 003 prints it after 申請: …: 筆記試験: 申込済
    (or its result) and 受験料をご納入ください / 入金確認済み; 合格済 when a
    pass of this year or the year before spares it.
  -->
  <xsl:template name="rn-exam-state">
    <xsl:param name="x"/>
    <xsl:choose>
      <xsl:when test="$x/@state">
        <xsl:text>　</xsl:text>
        <span class="renewal-exam-state renewal-exam-{$x/@state}"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.state.exam'"/></xsl:call-template>
          <xsl:call-template name="t"><xsl:with-param name="k" select="concat('renewal.exam.', $x/@state)"/></xsl:call-template></span>
        <xsl:if test="$x/@fee &gt; 0">
          <xsl:text>　</xsl:text>
          <span class="renewal-pay renewal-pay-{substring('unpaid', 1, 6 * ($x/@paid = '0'))}{substring('paid', 1, 4 * ($x/@paid = '1'))}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('renewal.pay.', substring('unpaid', 1, 6 * ($x/@paid = '0')), substring('paid', 1, 4 * ($x/@paid = '1')))"/></xsl:call-template></span>
        </xsl:if>
      </xsl:when>
      <xsl:when test="$x/@passed">
        <xsl:text>　</xsl:text>
        <span class="renewal-exam-state renewal-exam-spared"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.state.exam'"/></xsl:call-template>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam.spared'"/><xsl:with-param name="arg" select="$x/@passed"/></xsl:call-template></span>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="shortfalls" mode="rn">
    <ul>
      <xsl:for-each select="shortfall">
        <li>
          <xsl:variable name="arg">
            <xsl:choose>
              <xsl:when test="@arg-key"><xsl:call-template name="t"><xsl:with-param name="k" select="@arg-key"/></xsl:call-template></xsl:when>
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
  </xsl:template>

  <!-- 業績単位: what counts and what is needed. -->
  <xsl:template name="rn-credits">
    <xsl:variable name="f" select="content/renewal/facts"/>
    <section class="renewal-credits">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.credits'"/></xsl:call-template></h2>
      <p class="renewal-credit-total">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.credits.total'"/><xsl:with-param name="arg" select="$f/@total"/></xsl:call-template>
        <xsl:text> / </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.credits.needed'"/><xsl:with-param name="arg" select="$f/@needed"/></xsl:call-template>
        <xsl:text>（</xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.doc.meeting'"/></xsl:call-template>
        <xsl:value-of select="concat(' ', $f/@meeting, ' / ')"/>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.doc.seminar'"/></xsl:call-template>
        <xsl:value-of select="concat(' ', $f/@seminar, ' / ')"/>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.doc.paper'"/></xsl:call-template>
        <xsl:value-of select="concat(' ', $f/@paper)"/>
        <xsl:text>）</xsl:text>
      </p>
    </section>
  </xsl:template>

  <!-- ================================================================
       申請書類一覧 (ONC-4)
       ================================================================ -->
  <xsl:template match="page[@name = 'renewal-documents']" mode="content">
    <xsl:variable name="r" select="content/renewal"/>
    <xsl:variable name="a" select="$r/application"/>
    <xsl:call-template name="rn-head"><xsl:with-param name="here" select="'renewal.documents'"/></xsl:call-template>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.documents'"/></xsl:call-template></h2>
    <xsl:if test="$r/@why">
      <p class="flash apply-why"><xsl:call-template name="t"><xsl:with-param name="k" select="$r/@why"/><xsl:with-param name="arg" select="$a/window/@text"/></xsl:call-template></p>
    </xsl:if>
    <div class="table-wrap"><table class="data stack renewal-documents">
      <thead><tr>
        <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.col.doc'"/></xsl:call-template></th>
        <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.col.state'"/></xsl:call-template></th>
        <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.col.updated'"/></xsl:call-template></th>
        <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.col.op'"/></xsl:call-template></th>
      </tr></thead>
      <tbody>
        <xsl:call-template name="rn-doc-row"><xsl:with-param name="name" select="'resume'"/></xsl:call-template>
        <xsl:call-template name="rn-doc-row"><xsl:with-param name="name" select="'profile'"/></xsl:call-template>
        <xsl:call-template name="rn-doc-row"><xsl:with-param name="name" select="'activity'"/></xsl:call-template>
        <xsl:call-template name="rn-doc-row"><xsl:with-param name="name" select="'meeting'"/></xsl:call-template>
        <xsl:call-template name="rn-doc-row"><xsl:with-param name="name" select="'seminar'"/></xsl:call-template>
        <xsl:call-template name="rn-doc-row"><xsl:with-param name="name" select="'paper'"/></xsl:call-template>
        <xsl:call-template name="rn-doc-row"><xsl:with-param name="name" select="'record'"/></xsl:call-template>
      </tbody>
    </table></div>
    <p class="renewal-activity-years"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.activity.years'"/><xsl:with-param name="arg" select="$r/facts/@years"/></xsl:call-template></p>
    <p class="form-actions">
      <a class="btn btn-secondary renewal-pdf" href="{$r/@href}/pdf"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.btn.draft-pdf'"/></xsl:call-template></a>
      <a class="btn btn-secondary" href="{$r/@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.btn.top'"/></xsl:call-template></a>
    </p>
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.kept'"/></xsl:call-template></p>
  </xsl:template>

  <xsl:template name="rn-doc-row">
    <xsl:param name="name"/>
    <xsl:variable name="r" select="/page/content/renewal"/>
    <xsl:variable name="s" select="$r/application/section[@name = $name]"/>
    <tr class="renewal-doc renewal-doc-{$name}">
      <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('renewal.doc.', $name)"/></xsl:call-template>
        <xsl:if test="$s/@max &gt; 0"><xsl:value-of select="concat(' (', $s/@rows, ')')"/></xsl:if></td>
      <td class="doc-state">
        <xsl:if test="$s and $s/@state != 'blank'">
          <xsl:call-template name="t"><xsl:with-param name="k" select="concat('renewal.doc-state.', $s/@state)"/></xsl:call-template>
        </xsl:if>
      </td>
      <td class="doc-updated"><xsl:if test="$s/@updated-at and $s/@state != 'blank'"><xsl:value-of select="translate(substring($s/@updated-at, 1, 16), '-', '/')"/></xsl:if></td>
      <td><a class="btn btn-secondary" href="{$r/@href}/{$name}"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.btn.doc-edit'"/></xsl:call-template></a></td>
    </tr>
  </xsl:template>

  <!-- ================================================================
       研究業績 当会セミナー (ONC-9)
       ================================================================ -->
  <xsl:template match="page[@name = 'renewal-seminar']" mode="content">
    <xsl:variable name="r" select="content/renewal"/>
    <xsl:call-template name="rn-head">
      <xsl:with-param name="docs" select="true()"/>
      <xsl:with-param name="here" select="'renewal.doc.seminar'"/>
    </xsl:call-template>
    <xsl:call-template name="rn-tabs">
      <xsl:with-param name="href" select="$r/@href"/>
      <xsl:with-param name="current" select="'seminar'"/>
    </xsl:call-template>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.doc.seminar'"/></xsl:call-template></h2>
    <p class="renewal-window">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.seminar.window'"/><xsl:with-param name="arg" select="concat(translate($r/facts/@from, '-', '/'), ' ~ ', translate($r/facts/@to, '-', '/'))"/></xsl:call-template>
    </p>
    <xsl:choose>
      <xsl:when test="$r/seminars/seminar">
        <div class="table-wrap"><table class="data stack renewal-seminars">
          <thead><tr>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.col.seminar'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.col.held'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.col.units'"/></xsl:call-template></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="$r/seminars/seminar">
              <tr>
                <td><xsl:value-of select="@title"/></td>
                <td><xsl:call-template name="rn-date"><xsl:with-param name="d" select="@held-on"/></xsl:call-template></td>
                <td><xsl:value-of select="@units"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table></div>
        <p class="renewal-seminar-total"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.seminar.total'"/><xsl:with-param name="arg" select="$r/facts/@seminar"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.no-data'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.seminar.note'"/></xsl:call-template></p>
  </xsl:template>

  <!-- ================================================================
       The platform's document pages of our offerings: the seed's
       breadcrumbs and tab bar around them (apply.xsl draws the rest).
       ================================================================ -->
  <xsl:template name="rn-doc-head">
    <xsl:variable name="a" select="content/apply"/>
    <xsl:call-template name="rn-crumbs">
      <xsl:with-param name="href" select="$a/@href"/>
      <xsl:with-param name="title" select="$a/@title"/>
      <xsl:with-param name="docs" select="true()"/>
      <xsl:with-param name="here" select="$a/@section-title"/>
    </xsl:call-template>
    <xsl:call-template name="rn-tabs">
      <xsl:with-param name="href" select="$a/@href"/>
      <xsl:with-param name="current" select="$a/@section"/>
    </xsl:call-template>
    <h1><xsl:call-template name="t"><xsl:with-param name="k" select="$a/@section-title"/></xsl:call-template></h1>
    <xsl:if test="$a/application/return-comment and $a/application/@state = 'returned'">
      <div class="flash flash-warning apply-returned" role="alert">
        <p class="pre-wrap"><xsl:value-of select="$a/application/return-comment"/></p>
      </div>
    </xsl:if>
    <xsl:if test="$a/@why">
      <p class="flash apply-why"><xsl:call-template name="t"><xsl:with-param name="k" select="$a/@why"/><xsl:with-param name="arg" select="$a/application/window/@text"/></xsl:call-template></p>
    </xsl:if>
    <xsl:if test="$a/@section and $a/@section != 'resume' and $a/@section != 'record'">
      <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('renewal.intro.', $a/@section)"/></xsl:call-template></p>
    </xsl:if>
    <xsl:if test="$a/@max &gt; 0">
      <p class="hint renewal-max"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.rows-max'"/><xsl:with-param name="arg" select="$a/@max"/></xsl:call-template></p>
    </xsl:if>
  </xsl:template>

  <!-- The document pages of this feature's own offerings ("renewal",
       "renewal4"), known by their title, a key of its catalogue:
       certify's 更新 (second.xsl) is a kind "renewal" too, of another
       feature, and must not be drawn with these (links to /specialist,
       a page its tenant lacks).  One predicate, not [A][B] (second.xsl
       says why). -->
  <xsl:template priority="5" match="page[@name = 'apply-rows' and starts-with(content/apply/@title, 'renewal.')]" mode="apply-page">
    <xsl:variable name="a" select="content/apply"/>
    <xsl:variable name="s" select="$a/application/section[@name = $a/@section]"/>
    <xsl:call-template name="rn-doc-head"/>
    <div class="form-actions">
      <xsl:if test="$a/@can-edit = '1' and count($s/row) &lt; number($a/@max)">
        <a class="btn btn-primary renewal-new" href="{$a/@href}/{$a/@section}/new"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.btn.new'"/></xsl:call-template></a>
      </xsl:if>
    </div>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.rows'"/></xsl:call-template></h2>
    <xsl:choose>
      <xsl:when test="not($s/row)"><p><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.no-data'"/></xsl:call-template></p></xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$s" mode="apply-rows">
          <xsl:with-param name="edit" select="$a/@can-edit = '1'"/>
        </xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
    <p><a href="{$a/@href}/documents"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.documents'"/></xsl:call-template></a></p>
  </xsl:template>

  <xsl:template priority="5" match="page[@name = 'apply-form' and starts-with(content/apply/@title, 'renewal.')]" mode="apply-page">
    <xsl:variable name="a" select="content/apply"/>
    <xsl:call-template name="rn-doc-head"/>
    <xsl:if test="$a/@section = 'resume'">
      <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.resume.note'"/></xsl:call-template></p>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="$a/@section = 'record'">
        <xsl:apply-templates select="/page/form" mode="rn-record"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="/page/form"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$a/@section = 'profile'">
      <p class="hint renewal-counter" data-max="1040" data-for="f-text">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.profile.limit'"/></xsl:call-template>
      </p>
      <script src="/assets/renewal.js" defer="defer"></script>
    </xsl:if>
    <p><a href="{$a/@href}/documents"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.documents'"/></xsl:call-template></a></p>
  </xsl:template>

  <!-- 業績目録: three grids of the 15 organ areas, then the rest. -->
  <xsl:template match="form" mode="rn-record">
    <xsl:variable name="f" select="."/>
    <form class="form renewal-record" method="post" action="{@action}" novalidate="novalidate">
      <xsl:if test="@csrf"><input type="hidden" name="csrf" value="{@csrf}"/></xsl:if>
      <xsl:call-template name="rn-grid"><xsl:with-param name="f" select="."/><xsl:with-param name="g" select="'s'"/></xsl:call-template>
      <xsl:call-template name="rn-grid"><xsl:with-param name="f" select="."/><xsl:with-param name="g" select="'d'"/></xsl:call-template>
      <xsl:call-template name="rn-grid"><xsl:with-param name="f" select="."/><xsl:with-param name="g" select="'k'"/></xsl:call-template>
      <xsl:apply-templates select="field[not(string-length(@name) &lt;= 4 and contains('sdk', substring(@name, 1, 1)) and translate(substring(@name, 2, 1), '0123456789', '') = '')]"/>
      <div class="form-actions">
        <xsl:apply-templates select="button[not(@kind = 'secondary')]"/>
        <xsl:apply-templates select="button[@kind = 'secondary']"/>
      </div>
    </form>
  </xsl:template>

  <xsl:template name="rn-grid">
    <xsl:param name="f"/>
    <xsl:param name="g"/>
        <fieldset class="renewal-grid">
      <legend><xsl:call-template name="t"><xsl:with-param name="k" select="concat('renewal.grid.', $g)"/></xsl:call-template></legend>
      <div class="renewal-areas">
        <xsl:for-each select="$f/field[starts-with(@name, $g) and string-length(@name) = 3]">
          <xsl:variable name="n" select="$f/field[@name = concat(current()/@name, 'n')]"/>
          <div class="renewal-area">
            <xsl:if test="error or $n/error"><xsl:attribute name="class">renewal-area has-error</xsl:attribute></xsl:if>
            <label>
              <input type="checkbox" name="{@name}" value="1">
                <xsl:if test="value = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              </input>
              <xsl:text> </xsl:text>
              <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
            </label>
            <input type="text" inputmode="numeric" class="renewal-count" name="{$n/@name}" value="{$n/value}" size="4" maxlength="5">
              <xsl:attribute name="aria-label"><xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template><xsl:text> </xsl:text><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.f.patients'"/></xsl:call-template></xsl:attribute>
            </input>
          </div>
        </xsl:for-each>
      </div>
    </fieldset>
  </xsl:template>


  <xsl:template priority="5" match="page[@name = 'apply-confirm' and starts-with(content/apply/@title, 'renewal.')]" mode="apply-page">
    <xsl:variable name="a" select="content/apply"/>
    <xsl:call-template name="rn-crumbs">
      <xsl:with-param name="href" select="$a/@href"/>
      <xsl:with-param name="title" select="$a/@title"/>
    </xsl:call-template>
    <h1><xsl:call-template name="t"><xsl:with-param name="k" select="$a/@title"/></xsl:call-template></h1>
    <xsl:choose>
      <xsl:when test="$a/application/shortfalls/shortfall">
        <section class="flash flash-warning apply-shortfalls renewal-shortfalls">
          <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.requirements'"/></xsl:call-template></h2>
          <xsl:apply-templates select="$a/application/shortfalls" mode="rn"/>
          <p><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.requirements.note'"/></xsl:call-template></p>
        </section>
        <p class="form-actions"><a class="btn btn-secondary" href="{$a/@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.btn.back'"/></xsl:call-template></a></p>
      </xsl:when>
      <xsl:when test="$a/@can-submit = '1'">
        <form class="form renewal-confirm" method="post" action="{$a/@href}/confirm">
          <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
          <p><strong><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.confirm'"/></xsl:call-template></strong></p>
          <p><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.confirm.ask'"/></xsl:call-template></p>
          <div class="form-actions">
            <button type="submit" class="btn btn-primary"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.btn.complete'"/></xsl:call-template></button>
            <a class="btn btn-secondary" href="{$a/@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.btn.back'"/></xsl:call-template></a>
          </div>
        </form>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="$a/@why">
          <p class="flash apply-why"><xsl:call-template name="t"><xsl:with-param name="k" select="$a/@why"/><xsl:with-param name="arg" select="$a/application/window/@text"/></xsl:call-template></p>
        </xsl:if>
        <p class="form-actions"><a class="btn btn-secondary" href="{$a/@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.btn.back'"/></xsl:call-template></a></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================
       追加お申込み 筆記試験: the 処理確認画面 (seed 003)
       ================================================================ -->
  <xsl:template match="page[@name = 'renewal-exam']" mode="content">
    <xsl:variable name="r" select="content/renewal"/>
    <xsl:variable name="x" select="$r/exam"/>
    <xsl:call-template name="rn-head"><xsl:with-param name="here" select="'renewal.exam.apply'"/></xsl:call-template>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam.apply'"/></xsl:call-template></h2>
    <xsl:choose>
      <xsl:when test="$x/@why">
        <p class="flash apply-why renewal-exam-why"><xsl:call-template name="t"><xsl:with-param name="k" select="$x/@why"/><xsl:with-param name="arg" select="$x/@passed"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise>
        <form class="form renewal-exam-confirm" method="post" action="{$r/@href}/exam">
          <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
          <dl class="kv">
            <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam.year'"/></xsl:call-template></dt>
            <dd><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.year'"/><xsl:with-param name="arg" select="$x/@year"/></xsl:call-template></dd>
            <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam.fee'"/></xsl:call-template></dt>
            <dd><xsl:call-template name="rn-yen"><xsl:with-param name="n" select="$x/@fee"/></xsl:call-template></dd>
          </dl>
          <p><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam.ask'"/></xsl:call-template></p>
          <div class="form-actions">
            <button type="submit" class="btn btn-primary"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam.do'"/></xsl:call-template></button>
            <a class="btn btn-secondary" href="{$r/@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.btn.top'"/></xsl:call-template></a>
          </div>
        </form>
      </xsl:otherwise>
    </xsl:choose>
    <p><a href="{$r/@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.btn.top'"/></xsl:call-template></a></p>
  </xsl:template>

  <xsl:template name="rn-opt">
    <xsl:param name="v"/>
    <xsl:param name="cur"/>
    <option value="{$v}">
      <xsl:if test="$v = $cur"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('renewal.exam.', $v)"/></xsl:call-template>
    </option>
  </xsl:template>

  <!-- ================================================================
       The office: credit rules (ONC-14)
       ================================================================ -->
  <xsl:template match="page[@name = 'renewal-rules']" mode="content">
    <xsl:variable name="r" select="content/renewal-rules"/>
    <h1><xsl:call-template name="t"><xsl:with-param name="k" select="'menu.renewal.rules'"/></xsl:call-template></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.rules.lead'"/></xsl:call-template></p>
    <p class="renewal-rules-source">
      <xsl:choose>
        <xsl:when test="$r/@source = 'office'">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.rules.by-office'"/><xsl:with-param name="arg" select="translate(substring($r/@updated-at, 1, 16), '-', '/')"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.rules.by-conf'"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
    </p>
    <xsl:apply-templates select="/page/form"/>
  </xsl:template>

  <!-- ================================================================
       The office: 筆記試験 of a year (ONC-14)
       ================================================================ -->
  <xsl:template match="page[@name = 'renewal-exams']" mode="content">
    <xsl:variable name="l" select="content/renewal-exams"/>
    <xsl:variable name="csrf" select="/page/user/@csrf"/>
    <h1><xsl:call-template name="t"><xsl:with-param name="k" select="'menu.renewal.exams'"/></xsl:call-template></h1>
    <form class="search-form" method="get" action="/admin/renewal/exams">
      <label><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam.year'"/></xsl:call-template>
        <xsl:text> </xsl:text><input type="text" name="year" value="{$l/@year}" size="5" maxlength="4" inputmode="numeric"/></label>
      <xsl:text> </xsl:text>
      <label><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exams.q'"/></xsl:call-template>
        <xsl:text> </xsl:text><input type="search" name="q" value="{$l/@q}" maxlength="100"/></label>
      <xsl:text> </xsl:text>
      <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exams.search'"/></xsl:call-template></button>
    </form>
    <p><a class="btn btn-secondary renewal-exams-csv" href="/admin/renewal/exams.csv?year={$l/@year}"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exams.csv'"/></xsl:call-template></a>
      <xsl:text> </xsl:text>
      <a class="btn btn-secondary" href="/admin/renewal/exams/import"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.renewal-exams-import'"/></xsl:call-template></a></p>
    <p class="renewal-exams-count"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exams.count'"/><xsl:with-param name="arg" select="$l/@count"/></xsl:call-template></p>
    <xsl:if test="$l/exam">
      <div class="table-wrap"><table class="data stack renewal-exams">
        <thead><tr>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam.number'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.pdf.member-no'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.pdf.applicant'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam.fee'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam.result'"/></xsl:call-template></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="$l/exam">
            <tr id="exam-{@id}">
              <td><xsl:value-of select="@number"/></td>
              <td><xsl:value-of select="@member-no"/></td>
              <td><xsl:value-of select="@name"/></td>
              <td>
                <xsl:call-template name="rn-yen"><xsl:with-param name="n" select="@fee"/></xsl:call-template>
                <xsl:text> </xsl:text>
                <xsl:choose>
                  <xsl:when test="@paid-on">
                    <span class="badge renewal-paid"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.pay.paid'"/></xsl:call-template>
                      <xsl:text> </xsl:text><xsl:call-template name="rn-date"><xsl:with-param name="d" select="@paid-on"/></xsl:call-template></span>
                  </xsl:when>
                  <xsl:otherwise>
                    <form class="inline-form" method="post" action="/admin/renewal/exams/{@id}/pay">
                      <input type="hidden" name="csrf" value="{$csrf}"/>
                      <input type="date" name="paid_on" required="required">
                        <xsl:attribute name="aria-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam.paid-on'"/></xsl:call-template></xsl:attribute>
                      </input>
                      <xsl:text> </xsl:text>
                      <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam.confirm-pay'"/></xsl:call-template></button>
                    </form>
                  </xsl:otherwise>
                </xsl:choose>
              </td>
              <td>
                <form class="inline-form" method="post" action="/admin/renewal/exams/{@id}/result">
                  <input type="hidden" name="csrf" value="{$csrf}"/>
                  <xsl:variable name="cur" select="@result"/>
                  <select name="result">
                    <xsl:attribute name="aria-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam.result'"/></xsl:call-template></xsl:attribute>
                    <xsl:call-template name="rn-opt"><xsl:with-param name="v" select="'pending'"/><xsl:with-param name="cur" select="$cur"/></xsl:call-template>
                    <xsl:call-template name="rn-opt"><xsl:with-param name="v" select="'pass'"/><xsl:with-param name="cur" select="$cur"/></xsl:call-template>
                    <xsl:call-template name="rn-opt"><xsl:with-param name="v" select="'fail'"/><xsl:with-param name="cur" select="$cur"/></xsl:call-template>
                    <xsl:call-template name="rn-opt"><xsl:with-param name="v" select="'absent'"/><xsl:with-param name="cur" select="$cur"/></xsl:call-template>
                  </select>
                  <xsl:text> </xsl:text>
                  <input type="text" name="score" value="{@score}" size="3" maxlength="3" inputmode="numeric">
                    <xsl:attribute name="aria-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam.score'"/></xsl:call-template></xsl:attribute>
                  </input>
                  <xsl:text> </xsl:text>
                  <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'renewal.exam.record'"/></xsl:call-template></button>
                </form>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table></div>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
