<?xml version="1.0" encoding="UTF-8"?>
<!--
  recruit.xsl - training-program recruitment (feature "recruit"; BRD-1 to
  BRD-10, BRD-12, CORE-18, CORE-19): catalogue and search, the applying
  flow of the resident manual (seed 000), the dashboard 「現在の状況」,
  program directors' and board admins' pages.  Models: src/recruit.c,
  src/recruit_search.c, src/recruit_admin.c.

  Times arrive as "YYYY-MM-DD HH:MM:SS" in Japan time and are written as
  「2026年11月1日(日) 12:00」 by the template "recruit-dt".  Every page that
  offers an action says, when it is unavailable, why (CORE-18): the C side
  puts the message key in @why / @why-cancel / @why-decline.
  Everything works without JavaScript; forms are plain GET/POST.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    xmlns:sk="urn:shikaku:xslt"
    exclude-result-prefixes="str sk">

  <!-- ================================================================
       Small pieces
       ================================================================ -->

  <!-- "2026-11-01 12:00:00" → 「2026年11月1日(日) 12:00」 / "Sun 1 Nov 2026 12:00" -->
  <xsl:template name="recruit-dt">
    <xsl:param name="t"/>
    <xsl:choose>
      <!-- Under shikakud: one C call (issue 10); the same text. -->
      <xsl:when test="$have-sk">
        <xsl:variable name="s" select="sk:dt(string($t), 'recruit.weekday')"/>
        <xsl:choose>
          <xsl:when test="$s = ''"><xsl:value-of select="$t"/></xsl:when>
          <xsl:otherwise>
            <time datetime="{concat(substring($t, 1, 10), 'T', substring($t, 12, 5), '+09:00')}"><xsl:value-of select="$s"/></time>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="recruit-dt-xsl"><xsl:with-param name="t" select="$t"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The same in XSLT, for xsltproc (no sk:dt()). -->
  <xsl:template name="recruit-dt-xsl">
    <xsl:param name="t"/>
    <xsl:variable name="y0" select="number(substring($t, 1, 4))"/>
    <xsl:variable name="m0" select="number(substring($t, 6, 2))"/>
    <xsl:variable name="d" select="number(substring($t, 9, 2))"/>
    <xsl:variable name="hm" select="substring($t, 12, 5)"/>
    <!-- Zeller's congruence: 0 = Saturday. -->
    <xsl:variable name="m" select="$m0 + 12 * number($m0 &lt; 3)"/>
    <xsl:variable name="y" select="$y0 - number($m0 &lt; 3)"/>
    <xsl:variable name="k" select="$y mod 100"/>
    <xsl:variable name="j" select="floor($y div 100)"/>
    <xsl:variable name="h" select="($d + floor(13 * ($m + 1) div 5) + $k + floor($k div 4) + floor($j div 4) + 5 * $j) mod 7"/>
    <!-- 0 = Sunday for the weekday table. -->
    <xsl:variable name="wd" select="($h + 6) mod 7"/>
    <xsl:variable name="names">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.weekday'"/></xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string-length($t) &lt; 16 or string($y0) = 'NaN'"><xsl:value-of select="$t"/></xsl:when>
      <xsl:when test="$lang = 'en'">
        <time datetime="{concat(substring($t, 1, 10), 'T', $hm, '+09:00')}">
          <xsl:value-of select="concat(substring($names, $wd * 3 + 1, 3), ' ', $d, ' ',
              substring('JanFebMarAprMayJunJulAugSepOctNovDec', $m0 * 3 - 2, 3), ' ', $y0, ' ', $hm)"/>
        </time>
      </xsl:when>
      <xsl:otherwise>
        <time datetime="{concat(substring($t, 1, 10), 'T', $hm, '+09:00')}">
          <xsl:value-of select="concat($y0, '年', $m0, '月', $d, '日(', substring($names, $wd + 1, 1), ') ', $hm)"/>
        </time>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 「2027年度専攻医募集 1次募集」 for a <round>. -->
  <xsl:template name="recruit-round-title">
    <xsl:param name="r" select="."/>
    <xsl:choose>
      <xsl:when test="$r/@track = 'research'">
        <xsl:call-template name="t">
          <xsl:with-param name="k" select="'recruit.round.research'"/>
          <xsl:with-param name="arg" select="$r/@year"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="t">
          <xsl:with-param name="k" select="'recruit.round.regular'"/>
          <xsl:with-param name="arg" select="$r/@year"/>
        </xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('recruit.kind.', $r/@kind)"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="recruit-period">
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:call-template name="recruit-dt"><xsl:with-param name="t" select="$from"/></xsl:call-template>
    <xsl:text> 〜 </xsl:text>
    <xsl:call-template name="recruit-dt"><xsl:with-param name="t" select="$to"/></xsl:call-template>
    <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.sched.until'"/></xsl:call-template>
  </xsl:template>

  <!-- The schedule (BRD-3, as seed 001 prints it), one block per round. -->
  <xsl:template match="schedule" mode="recruit">
    <section class="recruit-schedule" aria-labelledby="recruit-schedule-title">
      <h2 id="recruit-schedule-title">
        <xsl:choose>
          <xsl:when test="@year and @year != '0'">
            <xsl:call-template name="t">
              <xsl:with-param name="k" select="'recruit.schedule.title'"/>
              <xsl:with-param name="arg" select="@year"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.dash.schedule'"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </h2>
      <xsl:choose>
        <xsl:when test="round">
          <xsl:apply-templates select="round" mode="recruit-schedule"/>
          <p class="field-hint">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.schedule.now'"/></xsl:call-template>
            <xsl:call-template name="recruit-dt"><xsl:with-param name="t" select="@now"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.sched.noon-note'"/></xsl:call-template>
          </p>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.schedule.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- level: h3 inside the schedule's section; h2 right under a page's h1. -->
  <xsl:template match="round" mode="recruit-schedule">
    <xsl:param name="level" select="3"/>
    <div class="recruit-round phase-{@phase}">
      <xsl:element name="h{$level}">
        <xsl:text>■</xsl:text>
        <xsl:choose>
          <xsl:when test="@track = 'research'">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.kind.title.research'"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('recruit.kind.title.', @kind)"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:text>（</xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('recruit.phase.', @phase)"/></xsl:call-template>
        <xsl:text>）</xsl:text>
      </xsl:element>
      <dl class="recruit-dates">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.sched.apply'"/></xsl:call-template></dt>
        <dd>
          <xsl:call-template name="recruit-period">
            <xsl:with-param name="from" select="@apply-open"/>
            <xsl:with-param name="to" select="@apply-close"/>
          </xsl:call-template>
        </dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.sched.adjust'"/></xsl:call-template></dt>
        <dd>
          <xsl:call-template name="recruit-period">
            <xsl:with-param name="from" select="@adjust-open"/>
            <xsl:with-param name="to" select="@adjust-close"/>
          </xsl:call-template>
        </dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.sched.notify'"/></xsl:call-template></dt>
        <dd><xsl:call-template name="recruit-dt"><xsl:with-param name="t" select="@notify-at"/></xsl:call-template></dd>
        <xsl:if test="@confirm-open">
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.sched.confirm'"/></xsl:call-template></dt>
          <dd>
            <xsl:call-template name="recruit-period">
              <xsl:with-param name="from" select="@confirm-open"/>
              <xsl:with-param name="to" select="@confirm-close"/>
            </xsl:call-template>
          </dd>
        </xsl:if>
      </dl>
    </div>
  </xsl:template>

  <!-- Whether one may apply now, per track, and if not why (CORE-18). -->
  <xsl:template match="apply-status" mode="recruit">
    <xsl:variable name="track">
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('recruit.track.', @track)"/></xsl:call-template>
    </xsl:variable>
    <div role="status">
      <xsl:attribute name="class">
        <xsl:choose>
          <xsl:when test="@can = '1'">flash flash-success recruit-can</xsl:when>
          <xsl:otherwise>flash flash-warning recruit-cannot</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:call-template name="t">
        <xsl:with-param name="k" select="'recruit.status.track'"/>
        <xsl:with-param name="arg" select="$track"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="@can = '1'">
          <xsl:call-template name="recruit-round-title"><xsl:with-param name="r" select="round"/></xsl:call-template>
          <xsl:text> — </xsl:text>
          <xsl:variable name="until">
            <xsl:call-template name="recruit-dt"><xsl:with-param name="t" select="round/@apply-close"/></xsl:call-template>
          </xsl:variable>
          <xsl:call-template name="t">
            <xsl:with-param name="k" select="'recruit.can.apply'"/>
            <xsl:with-param name="arg" select="$until"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <span class="recruit-why"><xsl:call-template name="t"><xsl:with-param name="k" select="@why"/></xsl:call-template></span>
          <xsl:if test="@live-id and /page/@name != 'dashboard'">
            <xsl:text> </xsl:text>
            <a href="/dashboard"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.btn.to-dashboard'"/></xsl:call-template></a>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <!-- The steps of the applying flow, the current one marked. -->
  <xsl:template match="flow" mode="recruit">
    <xsl:variable name="cur" select="@step"/>
    <nav class="recruit-flow">
      <xsl:attribute name="aria-label">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.flow.label'"/></xsl:call-template>
      </xsl:attribute>
      <ol>
        <xsl:for-each select="str:tokenize('explain system search detail confirm done', ' ')">
          <!-- value: the number stays right when a phone shows only the current step. -->
          <li value="{position()}">
            <xsl:if test=". = $cur"><xsl:attribute name="aria-current">step</xsl:attribute><xsl:attribute name="class">current</xsl:attribute></xsl:if>
            <xsl:choose>
              <xsl:when test=". = $cur">
                <strong><xsl:call-template name="t"><xsl:with-param name="k" select="concat('recruit.flow.', .)"/></xsl:call-template></strong>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="t"><xsl:with-param name="k" select="concat('recruit.flow.', .)"/></xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ol>
    </nav>
  </xsl:template>

  <xsl:template name="recruit-state">
    <xsl:param name="s" select="@state"/>
    <strong class="recruit-state state-{$s}">
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('recruit.state.', $s)"/></xsl:call-template>
    </strong>
  </xsl:template>

  <!-- ================================================================
       Programs
       ================================================================ -->

  <!-- Summary card (search results, director's list). -->
  <!-- query: the search that found it ("track=…&domain=…"), carried to the
       program so that its 「検索結果へ戻る」 returns to these results. -->
  <xsl:template match="program" mode="recruit-card">
    <xsl:param name="link" select="'/programs/'"/>
    <xsl:param name="query" select="''"/>
    <li class="notice recruit-card">
      <h3 class="notice-title">
        <a href="{concat($link, @id, substring('?', 1, string-length($query)), $query)}"><xsl:value-of select="name"/></a>
      </h3>
      <p class="notice-body">
        <xsl:value-of select="concat(@domain-name, '／', @pref-name, '／')"/>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.base'"/></xsl:call-template>
        <xsl:text>：</xsl:text>
        <xsl:value-of select="base"/>
        <br/>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.code'"/></xsl:call-template>
        <xsl:value-of select="concat('：', @code, '　')"/>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.capacity'"/></xsl:call-template>
        <xsl:text>：</xsl:text>
        <xsl:call-template name="t">
          <xsl:with-param name="k" select="'recruit.p.capacity-n'"/>
          <xsl:with-param name="arg" select="@capacity"/>
        </xsl:call-template>
        <xsl:text>　</xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.instructors'"/></xsl:call-template>
        <xsl:text>：</xsl:text>
        <xsl:call-template name="t">
          <xsl:with-param name="k" select="'recruit.p.instructors-n'"/>
          <xsl:with-param name="arg" select="@instructors"/>
        </xsl:call-template>
        <xsl:if test="@track = 'research'">
          <xsl:text>　</xsl:text>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.track.research'"/></xsl:call-template>
        </xsl:if>
      </p>
    </li>
  </xsl:template>

  <xsl:template match="facility | base" mode="recruit-facility">
    <li class="recruit-facility">
      <strong><xsl:value-of select="name"/></strong>
      <xsl:value-of select="concat('（', @pref-name, '）')"/>
      <xsl:if test="normalize-space(role) != ''">
        <xsl:text> </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.role'"/></xsl:call-template>
        <xsl:value-of select="concat('：', role)"/>
      </xsl:if>
      <xsl:if test="normalize-space(address) != '' or @beds != '' or details">
        <details>
          <summary><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.details'"/></xsl:call-template></summary>
          <dl>
            <xsl:if test="normalize-space(address) != ''">
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.address'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="address"/></dd>
            </xsl:if>
            <xsl:if test="@beds != ''">
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.beds'"/></xsl:call-template></dt>
              <dd>
                <xsl:call-template name="t">
                  <xsl:with-param name="k" select="'recruit.p.beds-n'"/>
                  <xsl:with-param name="arg" select="@beds"/>
                </xsl:call-template>
              </dd>
            </xsl:if>
            <xsl:if test="details">
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.details'"/></xsl:call-template></dt>
              <dd class="notice-body"><xsl:value-of select="details"/></dd>
            </xsl:if>
          </dl>
        </details>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- Program detail (BRD-1; seed 000 「研修プログラムの確認と応募」). -->
  <!--
    heading: the element naming the program (h2 inside a page about
    something else), or '' when the page's own h1 already is its name;
    the sections under it are one level lower, so no level is skipped.
  -->
  <xsl:template match="program" mode="recruit-detail">
    <xsl:param name="heading" select="'h2'"/>
    <xsl:variable name="sub">
      <xsl:choose>
        <xsl:when test="$heading = 'h2'">h3</xsl:when>
        <xsl:otherwise>h2</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <section class="recruit-program">
      <xsl:if test="$heading != ''">
        <xsl:element name="{$heading}"><xsl:value-of select="name"/></xsl:element>
      </xsl:if>
      <dl class="recruit-facts">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.code'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="@code"/></dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.domain'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="@domain-name"/></dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.pref'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="@pref-name"/></dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.track'"/></xsl:call-template></dt>
        <dd><xsl:call-template name="t"><xsl:with-param name="k" select="concat('recruit.track.', @track)"/></xsl:call-template></dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.capacity'"/></xsl:call-template></dt>
        <dd>
          <xsl:call-template name="t">
            <xsl:with-param name="k" select="'recruit.p.capacity-n'"/>
            <xsl:with-param name="arg" select="@capacity"/>
          </xsl:call-template>
        </dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.instructors'"/></xsl:call-template></dt>
        <dd>
          <xsl:call-template name="t">
            <xsl:with-param name="k" select="'recruit.p.instructors-n'"/>
            <xsl:with-param name="arg" select="@instructors"/>
          </xsl:call-template>
        </dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.years'"/></xsl:call-template></dt>
        <dd>
          <xsl:call-template name="t">
            <xsl:with-param name="k" select="'recruit.p.years-n'"/>
            <xsl:with-param name="arg" select="@years"/>
          </xsl:call-template>
        </dd>
        <xsl:if test="normalize-space(director) != ''">
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.director'"/></xsl:call-template></dt>
          <dd><xsl:value-of select="director"/></dd>
        </xsl:if>
      </dl>

      <xsl:element name="{$sub}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.description'"/></xsl:call-template></xsl:element>
      <xsl:if test="description">
        <p class="notice-body"><xsl:value-of select="description"/></p>
      </xsl:if>
      <!-- The booklet made from this page (BRD-1), and the program's own upload. -->
      <p>
        <a class="btn btn-secondary" href="{booklet-pdf/@href}">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.booklet-pdf'"/></xsl:call-template>
        </a>
        <xsl:if test="booklet">
          <xsl:text> </xsl:text>
          <a class="btn btn-secondary" href="{booklet/@href}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.booklet'"/></xsl:call-template>
          </a>
        </xsl:if>
      </p>
      <p class="field-hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.booklet-note'"/></xsl:call-template></p>

      <xsl:element name="{$sub}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.base'"/></xsl:call-template></xsl:element>
      <ul class="recruit-facilities"><xsl:apply-templates select="base" mode="recruit-facility"/></ul>

      <xsl:element name="{$sub}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.partners'"/></xsl:call-template></xsl:element>
      <xsl:choose>
        <xsl:when test="partners/facility">
          <ul class="recruit-facilities"><xsl:apply-templates select="partners/facility" mode="recruit-facility"/></ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.partners-none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>

      <xsl:element name="{$sub}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.rotations'"/></xsl:call-template></xsl:element>
      <xsl:choose>
        <xsl:when test="rotations/rotation">
          <div class="table-wrap">
            <xsl:variable name="l-facility"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.facility'"/></xsl:call-template></xsl:variable>
            <xsl:variable name="l-months"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.months'"/></xsl:call-template></xsl:variable>
            <xsl:variable name="l-notes"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.notes'"/></xsl:call-template></xsl:variable>
            <table class="data stack">
              <thead>
                <tr>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.field.rot-year'"/></xsl:call-template></th>
                  <th scope="col"><xsl:value-of select="$l-facility"/></th>
                  <th scope="col"><xsl:value-of select="$l-months"/></th>
                  <th scope="col"><xsl:value-of select="$l-notes"/></th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="rotations/rotation">
                  <tr>
                    <td class="rot-year">
                      <xsl:call-template name="t">
                        <xsl:with-param name="k" select="'recruit.p.rot-year'"/>
                        <xsl:with-param name="arg" select="@year"/>
                      </xsl:call-template>
                    </td>
                    <td data-label="{$l-facility}"><xsl:value-of select="facility"/></td>
                    <td data-label="{$l-months}">
                      <xsl:call-template name="t">
                        <xsl:with-param name="k" select="'recruit.p.rot-months'"/>
                        <xsl:with-param name="arg" select="@months"/>
                      </xsl:call-template>
                    </td>
                    <td data-label="{$l-notes}"><xsl:value-of select="notes"/></td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.rotations-none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ================================================================
       Search (BRD-2)
       ================================================================ -->

  <xsl:template match="search-form" mode="recruit">
    <xsl:variable name="sf" select="."/>
    <!--
      Once a search has chosen something the conditions fold into one
      line naming them, so that on a phone the results start on the
      first screen; <details> opens without JavaScript.
    -->
    <xsl:variable name="searched" select="($sf/chosen or normalize-space($sf/q) != '') and not(/page/errors/error)"/>
    <form class="form recruit-search" method="get" action="{@action}" role="search">
      <details class="recruit-filters">
      <xsl:if test="not($searched)"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
      <summary>
        <strong><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.s.filters'"/></xsl:call-template></strong>
        <xsl:if test="$searched">
          <xsl:text>：</xsl:text>
          <xsl:if test="$sf/@track = 'research'">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.track.research'"/></xsl:call-template>
            <xsl:text>・</xsl:text>
          </xsl:if>
          <xsl:for-each select="domains/d[@code = $sf/chosen[@name = 'domain']/@value] | prefs/region/p[@code = $sf/chosen[@name = 'pref']/@value]">
            <xsl:if test="position() &gt; 1">・</xsl:if>
            <xsl:value-of select="@name"/>
          </xsl:for-each>
          <xsl:if test="normalize-space($sf/q) != ''">
            <xsl:if test="$sf/chosen">・</xsl:if>
            <xsl:value-of select="concat('「', $sf/q, '」')"/>
          </xsl:if>
        </xsl:if>
      </summary>
      <p class="field-hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.s.lead'"/></xsl:call-template></p>
      <fieldset class="field field-radio">
        <legend class="field-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.s.track'"/></xsl:call-template></legend>
        <div class="choices">
          <xsl:for-each select="str:tokenize('regular research', ' ')">
            <div class="choice">
              <input type="radio" id="f-track-{.}" name="track" value="{.}">
                <xsl:if test=". = $sf/@track"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              </input>
              <label for="f-track-{.}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('recruit.track.', .)"/></xsl:call-template></label>
            </div>
          </xsl:for-each>
        </div>
      </fieldset>
      <fieldset>
        <xsl:attribute name="class">
          <xsl:text>field field-checkbox</xsl:text>
          <xsl:if test="/page/errors/error[@field = 'domain']"> has-error</xsl:if>
        </xsl:attribute>
        <legend class="field-label" id="f-domain"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.s.domains'"/></xsl:call-template></legend>
        <xsl:for-each select="/page/errors/error[@field = 'domain']">
          <p class="field-error"><xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template></p>
        </xsl:for-each>
        <!-- Open until a search has chosen domains: on a phone the results then come first. -->
        <details>
          <xsl:if test="not($sf/chosen[@name = 'domain']) or /page/errors/error[@field = 'domain']"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
          <summary>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.s.domain-list'"/></xsl:call-template>
            <xsl:for-each select="domains/d[@code = $sf/chosen[@name = 'domain']/@value]">
              <xsl:value-of select="concat('　', @name)"/>
            </xsl:for-each>
          </summary>
          <div class="choices">
            <xsl:for-each select="domains/d">
              <div class="choice">
                <input type="checkbox" id="f-domain-{@code}" name="domain" value="{@code}">
                  <xsl:if test="$sf/chosen[@name = 'domain' and @value = current()/@code]"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                </input>
                <label for="f-domain-{@code}"><xsl:value-of select="@name"/></label>
              </div>
            </xsl:for-each>
          </div>
        </details>
      </fieldset>
      <fieldset>
        <xsl:attribute name="class">
          <xsl:text>field field-checkbox</xsl:text>
          <xsl:if test="/page/errors/error[@field = 'pref']"> has-error</xsl:if>
        </xsl:attribute>
        <legend class="field-label" id="f-pref"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.s.prefs'"/></xsl:call-template></legend>
        <xsl:for-each select="/page/errors/error[@field = 'pref']">
          <p class="field-error"><xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template></p>
        </xsl:for-each>
        <xsl:for-each select="prefs/region">
          <details>
            <xsl:if test="p[@code = $sf/chosen[@name = 'pref']/@value]"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
            <summary><xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template></summary>
            <div class="choices">
              <xsl:for-each select="p">
                <div class="choice">
                  <input type="checkbox" id="f-pref-{@code}" name="pref" value="{@code}">
                    <xsl:if test="$sf/chosen[@name = 'pref' and @value = current()/@code]"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                  </input>
                  <label for="f-pref-{@code}"><xsl:value-of select="@name"/></label>
                </div>
              </xsl:for-each>
            </div>
          </details>
        </xsl:for-each>
      </fieldset>
      <div>
        <xsl:attribute name="class">
          <xsl:text>field field-text</xsl:text>
          <xsl:if test="/page/errors/error[@field = 'q']"> has-error</xsl:if>
        </xsl:attribute>
        <label class="field-label" for="f-q"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.s.keyword'"/></xsl:call-template></label>
        <input type="search" id="f-q" name="q" value="{q}" maxlength="50"/>
        <xsl:for-each select="/page/errors/error[@field = 'q']">
          <p class="field-error"><xsl:call-template name="error-text"/></p>
        </xsl:for-each>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary"><xsl:call-template name="t"><xsl:with-param name="k" select="'btn.search'"/></xsl:call-template></button>
        <a class="btn btn-secondary" href="{@action}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.s.clear'"/></xsl:call-template></a>
      </div>
      </details>
    </form>
  </xsl:template>

  <xsl:template match="results" mode="recruit">
    <section class="recruit-results" aria-labelledby="recruit-results-title">
      <h2 id="recruit-results-title"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.s.results'"/></xsl:call-template></h2>
      <p role="status">
        <xsl:call-template name="t">
          <xsl:with-param name="k">
            <xsl:choose>
              <xsl:when test="@more = '1'">recruit.s.count-more</xsl:when>
              <xsl:otherwise>recruit.s.count</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="arg" select="@total"/>
        </xsl:call-template>
      </p>
      <xsl:choose>
        <xsl:when test="program">
          <ul class="notice-list">
            <xsl:apply-templates select="program" mode="recruit-card">
              <xsl:with-param name="link" select="@link"/>
              <xsl:with-param name="query">
                <xsl:if test="@qs != ''">
                  <xsl:value-of select="@qs"/>
                  <xsl:if test="number(@page) &gt; 1"><xsl:value-of select="concat('&amp;page=', @page)"/></xsl:if>
                </xsl:if>
              </xsl:with-param>
            </xsl:apply-templates>
          </ul>
          <xsl:call-template name="recruit-pager"/>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.s.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="recruit-pager">
    <xsl:variable name="page" select="number(@page)"/>
    <xsl:variable name="pages" select="number(@pages)"/>
    <xsl:variable name="base" select="concat(@action, '?', @qs, '&amp;page=')"/>
    <xsl:if test="$pages &gt; 1">
      <nav class="recruit-pager">
        <xsl:attribute name="aria-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.s.pages'"/></xsl:call-template></xsl:attribute>
        <xsl:if test="$page &gt; 1">
          <a class="btn btn-secondary" rel="prev" href="{concat($base, $page - 1)}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.s.prev'"/></xsl:call-template></a>
          <xsl:text> </xsl:text>
        </xsl:if>
        <span>
          <xsl:call-template name="t">
            <xsl:with-param name="k" select="'recruit.s.page'"/>
            <xsl:with-param name="arg" select="concat($page, ' / ', $pages)"/>
          </xsl:call-template>
        </span>
        <xsl:if test="$page &lt; $pages">
          <xsl:text> </xsl:text>
          <a class="btn btn-secondary" rel="next" href="{concat($base, $page + 1)}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.s.next'"/></xsl:call-template></a>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template match="page[@name = 'recruit-programs']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:apply-templates select="content/search-form" mode="recruit"/>
    <xsl:apply-templates select="content/results" mode="recruit"/>
  </xsl:template>

  <!-- A program's pages are named after it: <title> and h1 (CORE-21). -->
  <xsl:template match="page[@name = 'recruit-program' or @name = 'recruit-apply-program'][normalize-space(content/program/name) != '']" mode="title">
    <xsl:value-of select="content/program/name"/>
  </xsl:template>

  <xsl:template match="page[@name = 'recruit-program']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:apply-templates select="content/program" mode="recruit-detail">
      <xsl:with-param name="heading" select="''"/>
    </xsl:apply-templates>
    <p class="form-actions">
      <a class="btn btn-primary" href="{content/apply/@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.apply'"/></xsl:call-template></a>
      <a class="btn btn-secondary" href="{content/back/@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.back'"/></xsl:call-template></a>
    </p>
    <xsl:if test="content/apply/@login = '1'">
      <p class="field-hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.login-to-apply'"/></xsl:call-template></p>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================
       現在の状況 (BRD-10)
       ================================================================ -->

  <xsl:template match="application" mode="recruit">
    <xsl:param name="buttons" select="true()"/>
    <section class="recruit-application state-{@state}">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.dash.program'"/></xsl:call-template></h2>
      <p class="recruit-status">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.dash.status'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="round/@track = 'research'">
            <xsl:call-template name="t">
              <xsl:with-param name="k" select="'recruit.round.research'"/>
              <xsl:with-param name="arg" select="round/@year"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="t">
              <xsl:with-param name="k" select="'recruit.round.regular'"/>
              <xsl:with-param name="arg" select="round/@year"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:text> </xsl:text>
        <xsl:call-template name="recruit-state"/>
      </p>
      <p class="field-hint">
        <xsl:call-template name="recruit-round-title"><xsl:with-param name="r" select="round"/></xsl:call-template>
        <xsl:text>　</xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.applied-at'"/></xsl:call-template>
        <xsl:text>：</xsl:text>
        <xsl:call-template name="recruit-dt"><xsl:with-param name="t" select="@created"/></xsl:call-template>
      </p>
      <h3 class="recruit-program-name">
        <a href="/programs/{program/@id}"><xsl:value-of select="program/name"/></a>
      </h3>
      <dl class="recruit-facts">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.base'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="program/base/name"/></dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.instructors'"/></xsl:call-template></dt>
        <dd>
          <xsl:call-template name="t">
            <xsl:with-param name="k" select="'recruit.p.instructors-n'"/>
            <xsl:with-param name="arg" select="program/@instructors"/>
          </xsl:call-template>
        </dd>
      </dl>
      <h3><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.partners'"/></xsl:call-template></h3>
      <xsl:choose>
        <xsl:when test="program/partners/facility">
          <ul class="recruit-facilities"><xsl:apply-templates select="program/partners/facility" mode="recruit-facility"/></ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.partners-none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$buttons">
        <!-- Destructive and rare (cancel, decline): a small outlined
             button, and a confirmation page (GET /apply/cancel, /apply/
             decline) before anything happens. -->
        <xsl:if test="@can-cancel = '1'">
          <p class="form-actions">
            <a class="btn btn-secondary btn-danger recruit-cancel" href="/apply/cancel?id={@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.btn.cancel'"/></xsl:call-template></a>
          </p>
        </xsl:if>
        <xsl:if test="@can-decline = '1'">
          <p class="form-actions">
            <a class="btn btn-secondary btn-danger recruit-decline" href="/apply/decline?id={@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.btn.decline-start'"/></xsl:call-template></a>
          </p>
        </xsl:if>
        <xsl:if test="@why-cancel or @why-decline">
          <p class="field-hint recruit-why"><xsl:call-template name="t"><xsl:with-param name="k" select="@why-cancel | @why-decline"/></xsl:call-template></p>
        </xsl:if>
        <xsl:if test="@state = 'rejected'">
          <p class="field-hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.rejected-next'"/></xsl:call-template></p>
        </xsl:if>
      </xsl:if>
    </section>
  </xsl:template>

  <!--
    What happens next for an application, first on 現在の状況 (BRD-10):
    after applying the member wants to know when the result comes, not
    to see a cancel button first.
  -->
  <xsl:template match="application" mode="recruit-next">
    <section class="recruit-next callout callout-info" aria-labelledby="recruit-next-{@id}">
      <h2 id="recruit-next-{@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.next.title'"/></xsl:call-template></h2>
      <p>
        <strong><xsl:value-of select="program/name"/></strong>
        <xsl:text>：</xsl:text>
        <xsl:call-template name="recruit-state"/>
      </p>
      <p>
        <xsl:choose>
          <xsl:when test="@state = 'applied'">
            <xsl:call-template name="t">
              <xsl:with-param name="k" select="'recruit.next.applied'"/>
              <xsl:with-param name="arg"><xsl:call-template name="recruit-dt"><xsl:with-param name="t" select="round/@notify-at"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
            <xsl:if test="@can-cancel = '1'">
              <xsl:text> </xsl:text>
              <xsl:call-template name="t">
                <xsl:with-param name="k" select="'recruit.next.cancel-until'"/>
                <xsl:with-param name="arg"><xsl:call-template name="recruit-dt"><xsl:with-param name="t" select="round/@apply-close"/></xsl:call-template></xsl:with-param>
              </xsl:call-template>
            </xsl:if>
          </xsl:when>
          <xsl:when test="@state = 'accepted'">
            <xsl:call-template name="t">
              <xsl:with-param name="k" select="'recruit.next.accepted'"/>
              <xsl:with-param name="arg"><xsl:call-template name="recruit-dt"><xsl:with-param name="t" select="round/@decline-until"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.rejected-next'"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </p>
    </section>
  </xsl:template>

  <!-- Recruitment's part of the platform's 現在の状況 (apply/dashboard.xsl;
       recruit_dashboard(), the feature's dashboard hook). -->
  <!-- Its next steps lead the whole page (apply/dashboard.xsl). -->
  <xsl:template match="dashboard" mode="dashboard-next">
    <xsl:variable name="d" select="."/>
    <xsl:apply-templates select="$d/applications/application[round/@year = $d/@year][@state = 'applied' or @state = 'accepted' or @state = 'rejected']" mode="recruit-next"/>
  </xsl:template>

  <xsl:template match="dashboard" mode="dashboard-part">
    <xsl:variable name="d" select="."/>
    <section class="recruit-dashboard" aria-labelledby="recruit-dash-title">
      <h2 id="recruit-dash-title"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.dash.title'"/></xsl:call-template></h2>
      <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.dash.lead'"/></xsl:call-template></p>
      <xsl:apply-templates select="$d/apply-status" mode="recruit"/>
      <xsl:choose>
        <xsl:when test="$d/applications/application">
          <xsl:apply-templates select="$d/applications/application" mode="recruit"/>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.dash.none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="not($d/apply-status) or $d/apply-status[@can = '1']">
        <ul class="link-cards">
          <li class="link-card link-primary">
            <a class="link-card-link" href="/apply"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.dash.apply'"/></xsl:call-template></a>
          </li>
        </ul>
      </xsl:if>
      <xsl:apply-templates select="$d/schedule" mode="recruit"/>
    </section>
  </xsl:template>

  <!-- ================================================================
       The applying flow (BRD-4)
       ================================================================ -->

  <xsl:template match="page[@name = 'recruit-apply']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:apply-templates select="content/flow" mode="recruit"/>
    <xsl:apply-templates select="content/apply-status" mode="recruit"/>
    <section aria-labelledby="recruit-explain-title">
      <h2 id="recruit-explain-title"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.explain.title'"/></xsl:call-template></h2>
      <ol>
        <xsl:for-each select="str:tokenize('1 2 3 4 5 6', ' ')">
          <li><xsl:call-template name="t"><xsl:with-param name="k" select="concat('recruit.explain.', .)"/></xsl:call-template></li>
        </xsl:for-each>
      </ol>
    </section>
    <xsl:if test="content/apply-status[@can = '1']">
      <p class="form-actions">
        <a class="btn btn-primary" href="/apply/system"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.btn.start'"/></xsl:call-template></a>
      </p>
    </xsl:if>
    <xsl:apply-templates select="content/schedule" mode="recruit"/>
  </xsl:template>

  <xsl:template match="page[@name = 'recruit-apply-system']" mode="content">
    <xsl:variable name="sc" select="content/system-choice"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:apply-templates select="content/flow" mode="recruit"/>
    <xsl:apply-templates select="content/apply-status" mode="recruit"/>
    <p><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.system.lead'"/></xsl:call-template></p>
    <xsl:if test="$sc/@saved">
      <p class="field-hint">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.system.saved'"/></xsl:call-template>
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('recruit.system.', $sc/@saved)"/></xsl:call-template>
      </p>
    </xsl:if>
    <section class="recruit-system" aria-labelledby="recruit-system-program">
      <h2 id="recruit-system-program"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.system.program'"/></xsl:call-template></h2>
      <p><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.system.program-note'"/></xsl:call-template></p>
      <xsl:apply-templates select="/page/form[@id = 'system-program']"/>
    </section>
    <section class="recruit-system" aria-labelledby="recruit-system-curriculum">
      <h2 id="recruit-system-curriculum"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.system.curriculum'"/></xsl:call-template></h2>
      <p><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.system.curriculum-note'"/></xsl:call-template></p>
      <xsl:choose>
        <xsl:when test="/page/form[@id = 'system-curriculum']">
          <p class="field-hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.system.prior-note'"/></xsl:call-template></p>
          <xsl:apply-templates select="/page/form[@id = 'system-curriculum']"/>
        </xsl:when>
        <xsl:otherwise>
          <p class="form-actions">
            <a class="btn btn-secondary" href="/apply/system?system=curriculum"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.btn.choose-curriculum'"/></xsl:call-template></a>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- The choice made at 研修制度の選択, as a summary. -->
  <xsl:template match="choice" mode="recruit">
    <dl class="recruit-facts recruit-choice">
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.confirm.system'"/></xsl:call-template></dt>
      <dd>
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat('recruit.system.', @system)"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <a href="/apply/system"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.system.change'"/></xsl:call-template></a>
      </dd>
      <xsl:if test="@system = 'curriculum'">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.field.reason'"/></xsl:call-template></dt>
        <dd><xsl:call-template name="t"><xsl:with-param name="k" select="concat('recruit.reason.', @reason)"/></xsl:call-template></dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.field.detail'"/></xsl:call-template></dt>
        <dd class="notice-body"><xsl:value-of select="detail"/></dd>
        <xsl:if test="@prior-domain">
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.group.prior'"/></xsl:call-template></dt>
          <dd>
            <xsl:value-of select="@prior-domain-name"/>
            <xsl:text>／</xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('recruit.prior.', @prior-status)"/></xsl:call-template>
            <xsl:text>／</xsl:text>
            <xsl:value-of select="@prior-ym"/>
          </dd>
        </xsl:if>
      </xsl:if>
    </dl>
  </xsl:template>

  <!-- Why one cannot apply is said here too (CORE-18); that one can is
       said by the menu and again on each program, so the results come
       sooner on a phone. -->
  <xsl:template match="page[@name = 'recruit-apply-search']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:apply-templates select="content/flow" mode="recruit"/>
    <xsl:apply-templates select="content/apply-status[@can != '1']" mode="recruit"/>
    <xsl:apply-templates select="content/choice" mode="recruit"/>
    <xsl:apply-templates select="content/search-form" mode="recruit"/>
    <xsl:apply-templates select="content/results" mode="recruit"/>
  </xsl:template>

  <xsl:template match="page[@name = 'recruit-apply-program']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:apply-templates select="content/flow" mode="recruit"/>
    <xsl:apply-templates select="content/apply-status" mode="recruit"/>
    <xsl:apply-templates select="content/program" mode="recruit-detail">
      <xsl:with-param name="heading" select="''"/>
    </xsl:apply-templates>
    <p class="form-actions">
      <xsl:if test="content/apply-status/@can = '1'">
        <a class="btn btn-primary" href="/apply/confirm?program={content/program/@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.apply'"/></xsl:call-template></a>
      </xsl:if>
      <a class="btn btn-secondary" href="{content/back/@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.back'"/></xsl:call-template></a>
    </p>
  </xsl:template>

  <xsl:template match="page[@name = 'recruit-apply-confirm']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:apply-templates select="content/flow" mode="recruit"/>
    <xsl:apply-templates select="content/apply-status" mode="recruit"/>
    <xsl:if test="/page/form[@id = 'apply']">
      <p><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.confirm.lead'"/></xsl:call-template></p>
    </xsl:if>
    <xsl:apply-templates select="content/program" mode="recruit-detail"/>
    <xsl:apply-templates select="content/choice" mode="recruit"/>
    <xsl:apply-templates select="/page/form[@id = 'apply']"/>
    <p><a href="/apply/programs/{content/program/@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.btn.back'"/></xsl:call-template></a></p>
  </xsl:template>

  <xsl:template match="page[@name = 'recruit-apply-done']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:apply-templates select="content/flow" mode="recruit"/>
    <p class="lead">
      <xsl:choose>
        <xsl:when test="content/@dup = '1'"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.done.dup'"/></xsl:call-template></xsl:when>
        <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.done.lead'"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
    </p>
    <xsl:apply-templates select="content/application" mode="recruit">
      <xsl:with-param name="buttons" select="false()"/>
    </xsl:apply-templates>
    <p class="field-hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.done.dashboard'"/></xsl:call-template></p>
    <p class="form-actions">
      <a class="btn btn-primary" href="/dashboard"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.btn.to-dashboard'"/></xsl:call-template></a>
    </p>
  </xsl:template>

  <xsl:template match="page[@name = 'recruit-apply-cancel']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:if test="/page/form[@id = 'cancel']">
      <p><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.cancel.lead'"/></xsl:call-template></p>
    </xsl:if>
    <xsl:apply-templates select="content/application" mode="recruit">
      <xsl:with-param name="buttons" select="false()"/>
    </xsl:apply-templates>
    <xsl:apply-templates select="/page/form[@id = 'cancel']"/>
    <p><a href="/dashboard"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.btn.back'"/></xsl:call-template></a></p>
  </xsl:template>

  <xsl:template match="page[@name = 'recruit-apply-decline']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="flash flash-warning"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.decline.warn'"/></xsl:call-template></p>
    <xsl:if test="/page/form[@id = 'decline']">
      <p><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.decline.lead'"/></xsl:call-template></p>
    </xsl:if>
    <xsl:apply-templates select="content/application" mode="recruit">
      <xsl:with-param name="buttons" select="false()"/>
    </xsl:apply-templates>
    <xsl:apply-templates select="/page/form[@id = 'decline']"/>
    <p><a href="/dashboard"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.btn.back'"/></xsl:call-template></a></p>
  </xsl:template>

  <!-- ================================================================
       Directors and admins (BRD-7, BRD-12)
       ================================================================ -->

  <!-- 採用 / 不採用 as one small form per applicant (no JavaScript). -->
  <xsl:template name="recruit-decide">
    <xsl:param name="action"/>
    <xsl:param name="round" select="''"/>
    <xsl:param name="back" select="''"/>
    <form method="post" action="{$action}" class="menu-form recruit-decide">
      <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
      <input type="hidden" name="id" value="{@id}"/>
      <xsl:if test="$round != ''"><input type="hidden" name="round" value="{$round}"/></xsl:if>
      <xsl:if test="$back != ''"><input type="hidden" name="back" value="{$back}"/></xsl:if>
      <button type="submit" name="decision" value="accepted" class="btn btn-primary">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.accept'"/></xsl:call-template>
      </button>
      <xsl:text> </xsl:text>
      <button type="submit" name="decision" value="rejected" class="btn btn-secondary">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.reject'"/></xsl:call-template>
      </button>
    </form>
  </xsl:template>

  <xsl:template match="applicants" mode="recruit">
    <xsl:param name="back" select="''"/>
    <xsl:variable name="action" select="@decide-action"/>
    <section aria-labelledby="recruit-applicants-title">
      <h2 id="recruit-applicants-title"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.applicants'"/></xsl:call-template></h2>
      <p class="field-hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.decide-note'"/></xsl:call-template></p>
      <xsl:choose>
        <xsl:when test="applicant">
          <div class="table-wrap">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.round'"/></xsl:call-template></th>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.regno'"/></xsl:call-template></th>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.name'"/></xsl:call-template></th>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.system'"/></xsl:call-template></th>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.applied'"/></xsl:call-template></th>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.state'"/></xsl:call-template></th>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.actions'"/></xsl:call-template></th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="applicant">
                  <tr class="state-{@state}">
                    <td><xsl:call-template name="recruit-round-title"><xsl:with-param name="r" select="."/></xsl:call-template></td>
                    <td><xsl:value-of select="@regno"/></td>
                    <td>
                      <xsl:value-of select="name"/>
                      <xsl:if test="kana"><br/><small><xsl:value-of select="kana"/></small></xsl:if>
                    </td>
                    <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('recruit.system.', @system)"/></xsl:call-template></td>
                    <td><xsl:call-template name="recruit-dt"><xsl:with-param name="t" select="@created"/></xsl:call-template></td>
                    <td>
                      <xsl:call-template name="recruit-state"/>
                      <xsl:if test="decline-reason"><br/><small><xsl:value-of select="decline-reason"/></small></xsl:if>
                    </td>
                    <td>
                      <xsl:choose>
                        <xsl:when test="@can-decide = '1'">
                          <xsl:call-template name="recruit-decide">
                            <xsl:with-param name="action" select="$action"/>
                            <xsl:with-param name="round" select="@round-id"/>
                            <xsl:with-param name="back" select="$back"/>
                          </xsl:call-template>
                        </xsl:when>
                        <xsl:otherwise>
                          <small><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.decide-closed'"/></xsl:call-template></small>
                        </xsl:otherwise>
                      </xsl:choose>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.applicants-none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="page[@name = 'recruit-director']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.programs'"/></xsl:call-template></h2>
    <xsl:choose>
      <xsl:when test="content/programs/program">
        <ul class="notice-list">
          <xsl:for-each select="content/programs/program">
            <li class="notice">
              <a href="/director?program={@id}">
                <xsl:if test="@current = '1'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
                <xsl:value-of select="concat(@code, '　', name)"/>
              </a>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.none'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="content/program">
      <h2><xsl:value-of select="concat(content/program/@code, '　', content/program/name)"/></h2>
      <xsl:apply-templates select="content/applicants" mode="recruit"/>
    </xsl:if>
    <xsl:apply-templates select="content/schedule" mode="recruit"/>
  </xsl:template>

  <xsl:template match="page[@name = 'recruit-admin-programs']" mode="content">
    <xsl:variable name="l" select="content/programs"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="form-actions">
      <a class="btn btn-primary" href="/admin/programs/new"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.new'"/></xsl:call-template></a>
    </p>
    <form class="form" method="get" action="/admin/programs" role="search">
      <div class="field field-text">
        <label class="field-label" for="f-q"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.search'"/></xsl:call-template></label>
        <input type="search" id="f-q" name="q" value="{$l/q}" maxlength="50"/>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'btn.search'"/></xsl:call-template></button>
      </div>
    </form>
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.code'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.field.program-name'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.domain'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.pref'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.director'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.applicants'"/></xsl:call-template></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$l/program">
            <tr>
              <td><code><xsl:value-of select="@code"/></code></td>
              <td><a href="/admin/programs/{@id}"><xsl:value-of select="name"/></a></td>
              <td><xsl:value-of select="@domain-name"/></td>
              <td><xsl:value-of select="@pref-name"/></td>
              <td><xsl:value-of select="director"/></td>
              <td>
                <a href="/admin/programs/{@id}/applicants"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.applicants'"/></xsl:call-template></a>
                <xsl:text> / </xsl:text>
                <a href="/admin/programs/{@id}/applicants.csv">CSV</a>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
    <xsl:if test="$l/@more = '1'">
      <p><a class="btn btn-secondary" href="/admin/programs?q={str:encode-uri(string($l/q), true())}&amp;page={$l/@page + 1}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.more'"/></xsl:call-template></a></p>
    </xsl:if>
  </xsl:template>

  <xsl:template match="page[@name = 'recruit-admin-program-new']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:apply-templates select="/page/form[@id = 'program']"/>
  </xsl:template>

  <xsl:template match="page[@name = 'recruit-admin-program']" mode="content">
    <xsl:variable name="p" select="content/program"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p>
      <a href="/programs/{$p/@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.public'"/></xsl:call-template></a>
      <xsl:text> ／ </xsl:text>
      <a href="/admin/programs/{$p/@id}/applicants"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.applicants'"/></xsl:call-template></a>
      <xsl:text> ／ </xsl:text>
      <a href="/admin/programs/{$p/@id}/applicants.csv"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.csv'"/></xsl:call-template></a>
    </p>
    <xsl:apply-templates select="/page/form[@id = 'program']"/>

    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.partners'"/></xsl:call-template></h2>
    <xsl:if test="$p/partners/facility">
      <ul class="recruit-facilities">
        <xsl:for-each select="$p/partners/facility">
          <li>
            <xsl:value-of select="concat(name, '（', @pref-name, '）')"/>
            <xsl:if test="normalize-space(role) != ''"><xsl:value-of select="concat(' ', role)"/></xsl:if>
            <form method="post" action="/admin/programs/{$p/@id}/partners/delete" class="menu-form">
              <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
              <input type="hidden" name="facility" value="{@id}"/>
              <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.delete'"/></xsl:call-template></button>
            </form>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
    <h3><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.partner-add'"/></xsl:call-template></h3>
    <xsl:apply-templates select="/page/form[@id = 'partner']"/>

    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.rotations'"/></xsl:call-template></h2>
    <xsl:if test="$p/rotations/rotation">
      <ul>
        <xsl:for-each select="$p/rotations/rotation">
          <li>
            <xsl:call-template name="t">
              <xsl:with-param name="k" select="'recruit.p.rot-year'"/>
              <xsl:with-param name="arg" select="@year"/>
            </xsl:call-template>
            <xsl:value-of select="concat('　', facility, '　')"/>
            <xsl:call-template name="t">
              <xsl:with-param name="k" select="'recruit.p.rot-months'"/>
              <xsl:with-param name="arg" select="@months"/>
            </xsl:call-template>
            <xsl:if test="normalize-space(notes) != ''"><xsl:value-of select="concat('　', notes)"/></xsl:if>
            <form method="post" action="/admin/programs/{$p/@id}/rotations/delete" class="menu-form">
              <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
              <input type="hidden" name="year" value="{@year}"/>
              <input type="hidden" name="seq" value="{@seq}"/>
              <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.delete'"/></xsl:call-template></button>
            </form>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
    <h3><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.rotation-add'"/></xsl:call-template></h3>
    <xsl:apply-templates select="/page/form[@id = 'rotation']"/>

    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.booklet'"/></xsl:call-template></h2>
    <xsl:if test="$p/booklet">
      <p>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.booklet-current'"/></xsl:call-template>
        <xsl:text>：</xsl:text>
        <a href="{$p/booklet/@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.booklet'"/></xsl:call-template></a>
      </p>
    </xsl:if>
    <xsl:apply-templates select="/page/form[@id = 'booklet']"/>
  </xsl:template>

  <xsl:template match="page[@name = 'recruit-admin-applicants']" mode="content">
    <xsl:variable name="p" select="content/program"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <h2><xsl:value-of select="concat($p/@code, '　', $p/name)"/></h2>
    <p>
      <a href="/admin/programs/{$p/@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.edit'"/></xsl:call-template></a>
      <xsl:text> ／ </xsl:text>
      <a href="/admin/programs/{$p/@id}/applicants.csv"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.csv'"/></xsl:call-template></a>
    </p>
    <xsl:apply-templates select="content/applicants" mode="recruit">
      <xsl:with-param name="back" select="'program'"/>
    </xsl:apply-templates>
    <xsl:apply-templates select="content/schedule" mode="recruit"/>
  </xsl:template>

  <xsl:template match="page[@name = 'recruit-admin-rounds']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="form-actions">
      <a class="btn btn-primary" href="/admin/rounds/new"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.round-new'"/></xsl:call-template></a>
    </p>
    <xsl:for-each select="content/schedule/round">
      <xsl:apply-templates select="." mode="recruit-schedule">
        <xsl:with-param name="level" select="2"/>
      </xsl:apply-templates>
      <p>
        <xsl:call-template name="recruit-round-title"/>
        <xsl:text> — </xsl:text>
        <a href="/admin/rounds/{@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.round-edit'"/></xsl:call-template></a>
        <xsl:text> ／ </xsl:text>
        <a href="/admin/results?round={@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.menu.admin-results'"/></xsl:call-template></a>
      </p>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="page[@name = 'recruit-admin-round' or @name = 'recruit-admin-round-new']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:if test="content/round">
      <h2><xsl:call-template name="recruit-round-title"><xsl:with-param name="r" select="content/round"/></xsl:call-template></h2>
    </xsl:if>
    <xsl:apply-templates select="/page/form[@id = 'round']"/>
  </xsl:template>

  <xsl:template match="page[@name = 'recruit-admin-results']" mode="content">
    <xsl:variable name="res" select="content/results"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <nav>
      <xsl:attribute name="aria-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.results-round'"/></xsl:call-template></xsl:attribute>
      <ul>
        <xsl:for-each select="content/schedule/round">
          <li>
            <a href="/admin/results?round={@id}">
              <xsl:if test="@id = $res/@round-id"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
              <xsl:call-template name="recruit-round-title"/>
            </a>
            <xsl:text>（</xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('recruit.phase.', @phase)"/></xsl:call-template>
            <xsl:text>）</xsl:text>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
    <xsl:if test="$res">
      <xsl:apply-templates select="content/schedule/round[@id = $res/@round-id]" mode="recruit-schedule">
        <xsl:with-param name="level" select="2"/>
      </xsl:apply-templates>
      <p>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.results-state'"/></xsl:call-template>
        <xsl:text>：</xsl:text>
        <a href="/admin/results?round={$res/@round-id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.results-all'"/></xsl:call-template></a>
        <xsl:for-each select="str:tokenize('applied accepted rejected declined cancelled', ' ')">
          <xsl:text> ／ </xsl:text>
          <a href="/admin/results?round={$res/@round-id}&amp;state={.}">
            <xsl:if test=". = $res/@state"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('recruit.state.', .)"/></xsl:call-template>
          </a>
        </xsl:for-each>
      </p>
      <p>
        <xsl:call-template name="t">
          <xsl:with-param name="k" select="'recruit.a.unmailed'"/>
          <xsl:with-param name="arg" select="$res/@unmailed"/>
        </xsl:call-template>
      </p>
      <xsl:choose>
        <xsl:when test="$res/@can-notify = '1'">
          <form method="post" action="/admin/results/notify" class="form">
            <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
            <input type="hidden" name="round" value="{$res/@round-id}"/>
            <div class="form-actions">
              <button type="submit" class="btn btn-primary"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.notify'"/></xsl:call-template></button>
            </div>
          </form>
        </xsl:when>
        <xsl:otherwise>
          <p class="field-hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.notify-early'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="$res/applicant">
          <div class="table-wrap">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.program'"/></xsl:call-template></th>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.regno'"/></xsl:call-template></th>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.name'"/></xsl:call-template></th>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.applied'"/></xsl:call-template></th>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.state'"/></xsl:call-template></th>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.actions'"/></xsl:call-template></th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="$res/applicant">
                  <tr class="state-{@state}">
                    <td><a href="/admin/programs/{@program-id}/applicants"><xsl:value-of select="concat(@program-code, '　', program)"/></a></td>
                    <td><xsl:value-of select="@regno"/></td>
                    <td><xsl:value-of select="name"/></td>
                    <td><xsl:call-template name="recruit-dt"><xsl:with-param name="t" select="@created"/></xsl:call-template></td>
                    <td><xsl:call-template name="recruit-state"/></td>
                    <td>
                      <xsl:choose>
                        <xsl:when test="$res/@can-decide = '1' and (@state = 'applied' or @state = 'accepted' or @state = 'rejected')">
                          <xsl:call-template name="recruit-decide">
                            <xsl:with-param name="action" select="'/admin/results/decide'"/>
                            <xsl:with-param name="round" select="$res/@round-id"/>
                          </xsl:call-template>
                        </xsl:when>
                        <xsl:otherwise>
                          <small><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.d.decide-closed'"/></xsl:call-template></small>
                        </xsl:otherwise>
                      </xsl:choose>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.a.results-none'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
